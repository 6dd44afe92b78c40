import { entriesOf, type RenderEdits } from './edits.js';
import { ParseError, ValidationError } from './errors.js';
import { cloneJson, isArray, isObject, type JsonObject } from './json.js';
import { childPath } from './path.js';
import { error, type Problem } from './problems.js';
import { applyContainerEdits, setImage } from './render-container.js';
import type { TaskDefinitionDocument } from './types.js';
import { parseCpu, parseMemory } from './units.js';

/**
 * Returns a copy of `definition` with `edits` applied; every member not edited is kept exactly
 * (key order included), and the input is not modified. Throws `ValidationError` listing every
 * edit that could not be applied (unknown or ambiguous container, bad command quoting, bad env
 * file, bad cpu/memory, empty or malformed image). Does not validate the result: call
 * `validateTaskDefinition` or `assertValid` for that.
 */
export function renderTaskDefinition(
  definition: TaskDefinitionDocument,
  edits: RenderEdits,
): TaskDefinitionDocument {
  const out = cloneJson(definition);
  const problems: Problem[] = [...applyTaskEdits(out, edits)];
  const containers = out.containerDefinitions;
  const needsContainers = edits.images !== undefined || (edits.containers ?? []).length > 0;
  if (needsContainers && (!isArray(containers) || !containers.every((c) => isObject(c)))) {
    problems.push(
      error(
        'containerDefinitions',
        'cannot-edit',
        'cannot edit containers: containerDefinitions is missing or not a list of objects',
      ),
    );
  } else if (isArray(containers)) {
    problems.push(
      ...applyContainerEditsAll(
        containers.filter((c) => isObject(c)),
        edits,
      ),
    );
  }
  if (problems.length > 0) throw new ValidationError(problems, 'render edits');
  return out;
}

function applyTaskEdits(out: JsonObject, edits: RenderEdits): Problem[] {
  const problems: Problem[] = [];
  const size = (
    key: 'cpu' | 'memory',
    value: string | number | undefined,
    parse: (v: string | number) => number,
  ): void => {
    if (value === undefined) return;
    try {
      // Stored in the integer form ECS itself stores, so a later diff against the live one is clean.
      out[key] = String(parse(value));
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      problems.push(error(childPath('edits', key), `${key}-invalid`, e.reason));
    }
  };
  size('cpu', edits.cpu, parseCpu);
  size('memory', edits.memory, parseMemory);
  for (const key of ['taskRoleArn', 'executionRoleArn'] as const) {
    const value = edits[key];
    if (value === undefined) continue;
    if (value.trim() === '') {
      problems.push(
        error(
          childPath('edits', key),
          'role-empty',
          `${key} is empty; an upstream output may have been dropped`,
          `Leave ${key} out to keep the current role, or pass the role ARN.`,
        ),
      );
    } else {
      out[key] = value;
    }
  }
  return problems;
}

function applyContainerEditsAll(containers: JsonObject[], edits: RenderEdits): Problem[] {
  const problems: Problem[] = [];
  const names = containers.map((c) => (typeof c.name === 'string' ? c.name : ''));
  const resolve = (name: string | undefined, path: string): JsonObject | undefined => {
    if (name === undefined) {
      if (containers.length === 1) return containers[0];
      problems.push(
        error(
          path,
          'container-name-required',
          `the task definition has ${containers.length} containers (${names.join(', ')}); say which one to edit`,
          'Set the container name.',
        ),
      );
      return undefined;
    }
    const index = names.indexOf(name);
    if (index >= 0) return containers[index];
    problems.push(
      error(
        path,
        'unknown-container',
        `no container is named "${name}"; the task definition has: ${names.join(', ')}`,
      ),
    );
    return undefined;
  };
  const imageSet = new Set<JsonObject>();
  for (const [name, image] of entriesOf(edits.images ?? {})) {
    const path = childPath('edits', 'images', name);
    const container = resolve(name, path);
    if (container === undefined) continue;
    imageSet.add(container);
    problems.push(...setImage(container, image, path));
  }
  (edits.containers ?? []).forEach((edit, i) => {
    const path = childPath('edits', 'containers', i);
    const container = resolve(edit.containerName, childPath(path, 'containerName'));
    if (container === undefined) return;
    if (edit.image !== undefined && imageSet.has(container)) {
      problems.push(
        error(
          childPath(path, 'image'),
          'conflicting-edits',
          'the image of this container is set twice (images and containers)',
        ),
      );
      return;
    }
    if (edit.image !== undefined) imageSet.add(container);
    problems.push(...applyContainerEdits(container, edit, path));
  });
  return problems;
}
