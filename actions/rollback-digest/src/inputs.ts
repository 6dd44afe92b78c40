import {
  InputError,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseInteger,
  parseKeyValueLines,
  type InputReader,
} from '@ecs-deploy/action-kit';
import { parseStringMap } from '@ecs-deploy/action-kit/structured';
import { readWaitInputs, type WaitInputs } from '@ecs-deploy/rollout-watch';
import { digestProblem } from '@ecs-deploy/image-ref';

/** One digest asked for explicitly, with the input it came from (for error messages). */
export interface DigestRequest {
  /** Undefined means "the only container". */
  readonly container?: string;
  readonly digest: string;
  readonly source: string;
}

/** What to go back to: a version from the history, or digests named by the workflow. */
export type TargetRequest =
  | { readonly kind: 'history'; readonly stepsBack: number }
  | { readonly kind: 'explicit'; readonly digests: readonly DigestRequest[] };

/** What to do about a deployment that is still rolling out. */
export type InProgressPolicy = 'stop' | 'wait' | 'fail';

/** The action's inputs, parsed once. */
export interface RollbackInputs {
  readonly cluster: string;
  readonly service: string;
  /** `digest`: re-render the live definition; `revision`: reuse the earlier revision. */
  readonly mode: 'digest' | 'revision';
  readonly target: TargetRequest;
  /** Allow explicit digests that never ran healthy. */
  readonly force: boolean;
  readonly ifInProgress: InProgressPolicy;
  readonly inProgressTimeoutMs: number;
  /** Extra tags for the registered revision. */
  readonly tags: ReadonlyMap<string, string>;
  readonly dryRun: boolean;
  /** Follow the new deployment to a verdict. */
  readonly wait: boolean;
  /** Poll settings and limits of the wait (also used to wait for a deployment in progress). */
  readonly waiting: WaitInputs;
}

const DIGEST_FORM = 'sha256: followed by 64 lower-case hex characters';

/** Checks one digest strictly; the message names the input and says what is wrong. */
export function checkDigest(input: string, value: string): string {
  const problem = digestProblem(value);
  if (problem !== undefined) throw new InputError(input, `is "${value}": ${problem}`, DIGEST_FORM);
  return value;
}

function explicitDigests(inputs: InputReader): DigestRequest[] | undefined {
  const digest = inputs.optional('digest');
  const map = inputs.optional('digests');
  const container = inputs.optional('container-name');
  if (digest !== undefined && map !== undefined)
    throw new InputError(
      'digests',
      'is set together with digest',
      'only one of digest and digests',
    );
  if (digest !== undefined) {
    return [{ container, digest: checkDigest('digest', digest), source: 'digest' }];
  }
  // Without a digest the history names every container's digest; a container name passed along
  // (e.g. from a workflow_dispatch form whose digest field was left empty) has nothing to select.
  if (map === undefined) return undefined;
  const parsed = parseStringMap('digests', map);
  if (parsed.size === 0)
    throw new InputError('digests', 'is an empty map', 'a JSON map of container name to digest');
  return [...parsed].map(([name, value]) => ({
    container: name,
    digest: checkDigest('digests', value),
    source: `digests.${name}`,
  }));
}

/** Reads and checks every input before any AWS call; digests are checked strictly here. */
export function readInputs(inputs: InputReader): RollbackInputs {
  const cluster = inputs.required('cluster', 'the ECS cluster name or ARN');
  const service = inputs.required('service', 'the ECS service name or ARN');
  const explicit = explicitDigests(inputs);
  const stepsBack = inputs.maybe('steps-back', (name, raw) =>
    parseInteger(name, raw, { min: 1, max: 50 }),
  );
  if (explicit !== undefined && stepsBack !== undefined)
    throw new InputError(
      'steps-back',
      'is set together with an explicit digest',
      'either steps-back or digest/digests',
    );
  const wait = inputs.parsed('wait', parseBoolean, 'true or false');
  return {
    cluster,
    service,
    mode: inputs.parsed(
      'mode',
      (name, raw) => parseChoice(name, raw, ['digest', 'revision'] as const),
      'digest or revision',
    ),
    target:
      explicit === undefined
        ? { kind: 'history', stepsBack: stepsBack ?? 1 }
        : { kind: 'explicit', digests: explicit },
    force: inputs.parsed('force', parseBoolean, 'true or false'),
    ifInProgress: inputs.parsed(
      'if-deployment-in-progress',
      (name, raw) => parseChoice(name, raw, ['stop', 'wait', 'fail'] as const),
      'stop, wait or fail',
    ),
    inProgressTimeoutMs: inputs.parsed(
      'in-progress-timeout',
      parseDuration,
      'a duration such as 10m',
    ),
    tags:
      inputs.maybe('tags', (name, raw) => parseKeyValueLines(name, raw, /^[\w.:/=+@-]+$/)) ??
      new Map<string, string>(),
    dryRun: inputs.parsed('dry-run', parseBoolean, 'true or false'),
    wait,
    waiting: readWaitInputs(inputs),
  };
}
