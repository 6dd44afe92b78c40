import { createHmac, randomBytes } from 'node:crypto';
import type { TaskDefinitionDocument } from '@ecs-deploy/task-definition';

/**
 * Replaces every environment value with a fingerprint keyed for this run only: equal values stay
 * equal (so a diff still shows which variables changed) but no value — a password typed into
 * `environment-variables`, say — reaches the log, the summary or the `diff` output. The rendered
 * file keeps the real values; it is what gets registered.
 */
export function environmentRedactor(): (
  definition: TaskDefinitionDocument,
) => TaskDefinitionDocument {
  const key = randomBytes(32);
  const hide = (value: unknown): unknown =>
    typeof value === 'string'
      ? `(hidden ${createHmac('sha256', key).update(value).digest('hex').slice(0, 10)})`
      : value;
  return (definition) => {
    const list = definition.containerDefinitions;
    if (!Array.isArray(list)) return definition;
    const containerDefinitions = list.map((container) => {
      if (typeof container !== 'object' || container === null || Array.isArray(container))
        return container;
      const environment = (container as { environment?: unknown }).environment;
      if (!Array.isArray(environment)) return container;
      return {
        ...container,
        environment: environment.map((entry: unknown) =>
          typeof entry === 'object' && entry !== null
            ? { ...entry, value: hide((entry as { value?: unknown }).value) }
            : entry,
        ),
      };
    });
    return { ...definition, containerDefinitions } as TaskDefinitionDocument;
  };
}
