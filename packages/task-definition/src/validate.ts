import { ValidationError } from './errors.js';
import { isArray, isObject, type JsonObject } from './json.js';
import { childPath } from './path.js';
import { error, hasErrors, type Problem } from './problems.js';
import { TASK_SHAPE } from './schema.js';
import type { TaskDefinition } from './types.js';
import { objectEntries, type TaskContext } from './task-context.js';
import { checkContainer } from './validate-container.js';
import type { ImageOptions } from './validate-image.js';
import { checkShape } from './validate-shape.js';
import { taskMemory } from './validate-sizing.js';
import { checkTask } from './validate-task.js';

/** Options for validation. */
export type ValidateOptions = ImageOptions;

/**
 * Checks a task definition and returns every problem found (errors and warnings), in document
 * order, each with a JSON path. Never throws; an empty list means nothing to report.
 */
export function validateTaskDefinition(
  definition: unknown,
  options: ValidateOptions = {},
): Problem[] {
  if (!isObject(definition)) {
    return [error('', 'not-object', 'a task definition must be a JSON object')];
  }
  const containers = objectEntries(definition.containerDefinitions).map(([c]) => c);
  const ctx: TaskContext = {
    ...options,
    awsvpc: definition.networkMode === 'awsvpc',
    fargate: isFargate(definition),
    taskMemory: taskMemory(definition),
    containerNames: new Set(
      containers.flatMap((c) => (typeof c.name === 'string' ? [c.name] : [])),
    ),
    volumeNames: new Set(
      objectEntries(definition.volumes).flatMap(([v]) =>
        typeof v.name === 'string' ? [v.name] : [],
      ),
    ),
  };
  const problems = [
    ...checkShape(definition, TASK_SHAPE, ''),
    ...checkTask(definition, containers, ctx),
  ];
  const list = definition.containerDefinitions;
  if (isArray(list)) {
    list.forEach((container, i) => {
      if (isObject(container))
        problems.push(...checkContainer(container, childPath('containerDefinitions', i), ctx));
    });
  }
  return problems;
}

/** A definition that passed validation, typed, with the warnings found on the way. */
export interface CheckedTaskDefinition {
  readonly taskDefinition: TaskDefinition;
  readonly warnings: readonly Problem[];
}

/**
 * Validates once; throws `ValidationError` (holding every problem, warnings included) when there
 * is at least one error, and otherwise returns the typed definition and its warnings.
 */
export function checkTaskDefinition(
  definition: unknown,
  options: ValidateOptions = {},
): CheckedTaskDefinition {
  const problems = validateTaskDefinition(definition, options);
  if (hasErrors(problems)) throw new ValidationError(problems);
  // The checks above established every member TaskDefinition declares.
  return { taskDefinition: definition as TaskDefinition, warnings: problems };
}

/** Validates and returns the definition typed as `TaskDefinition`; throws `ValidationError` on errors. */
export function assertValid(definition: unknown, options: ValidateOptions = {}): TaskDefinition {
  return checkTaskDefinition(definition, options).taskDefinition;
}

/** True when the definition asks for Fargate compatibility. */
export function isFargate(definition: JsonObject): boolean {
  const list = definition.requiresCompatibilities;
  return isArray(list) && list.includes('FARGATE');
}
