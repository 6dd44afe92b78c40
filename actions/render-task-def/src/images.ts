import { InputError, markEmptyInputs } from '@ecs-deploy/action-kit';
import { digestProblem, formatImageReference, parseImageReference } from '@ecs-deploy/image-ref';
import { DROPPED_OUTPUT_CAUSE, DROPPED_OUTPUT_FIX } from '@ecs-deploy/task-definition';
import type { ImageRequest } from './inputs.js';

/** A registry host, looked up only when a bare digest needs one (it may cost an STS call). */
export type RegistryLookup = () => Promise<string>;

function inputOf(request: ImageRequest): string {
  return request.source.split(' ')[0] ?? request.source;
}

/**
 * Turns one requested image into the full reference to render: a full reference is kept; a bare
 * `sha256:` digest is joined with `repository` and a registry host derived in this job. An empty
 * or half-built value is refused with the dropped-output explanation, before anything is called.
 */
export async function resolveImage(
  request: ImageRequest,
  repository: string | undefined,
  registry: RegistryLookup,
): Promise<string> {
  const input = inputOf(request);
  const where = request.source === input ? '' : ` (${request.source.slice(input.length + 1)})`;
  const value = request.image.trim();
  if (value === '') {
    throw markEmptyInputs(
      new InputError(
        input,
        `is empty${where}. ${DROPPED_OUTPUT_CAUSE}`,
        undefined,
        DROPPED_OUTPUT_FIX,
      ),
      [input],
    );
  }
  if (value.startsWith('sha256:') || /^[a-z0-9]+:[A-Fa-f0-9]{32,}$/.test(value)) {
    const problem = digestProblem(value);
    if (problem !== undefined) {
      throw new InputError(
        input,
        `holds the digest "${value}"${where}, but ${problem}`,
        'sha256:<64 lower-case hex characters>',
      );
    }
    if (repository === undefined) {
      throw new InputError(
        'repository',
        'is empty',
        `the repository of the bare digest in '${input}'${where}, e.g. team/api`,
      );
    }
    const withHost = parseImageReference(repository).registry !== undefined;
    return `${withHost ? repository : `${await registry()}/${repository}`}@${value}`;
  }
  try {
    return formatImageReference(parseImageReference(value));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const incomplete = /^[/:@]|[/:@]$|\/\//.test(value);
    const refusal = new InputError(
      input,
      `holds "${value}"${where}, which is not an image reference: ${reason}${incomplete ? `. ${DROPPED_OUTPUT_CAUSE}` : ''}`,
      'a full reference such as <registry>/<repository>@sha256:… or a bare sha256: digest with repository',
      incomplete ? DROPPED_OUTPUT_FIX : undefined,
    );
    throw incomplete ? markEmptyInputs(refusal, [input]) : refusal;
  }
}
