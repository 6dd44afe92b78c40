import { setOwn, type JsonObject } from './json.js';
import type { TaskDefinitionDocument } from './types.js';

/**
 * Members of DescribeTaskDefinition output that RegisterTaskDefinition does not accept
 * (docs/aws-behaviour.md#read-only-fields): computed by ECS, so they must not be sent back.
 */
export const READ_ONLY_FIELDS: readonly string[] = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
];

const READ_ONLY = new Set(READ_ONLY_FIELDS);

/** True when `field` is a task-level member ECS computes and RegisterTaskDefinition refuses. */
export function isReadOnlyField(field: string): boolean {
  return READ_ONLY.has(field);
}

/**
 * Returns a copy without the read-only members, keeping key order, so the result is valid
 * RegisterTaskDefinition input. Values are shared with the input, not copied.
 */
export function stripReadOnlyFields(definition: TaskDefinitionDocument): TaskDefinitionDocument {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(definition)) {
    if (!READ_ONLY.has(key)) setOwn(out, key, value);
  }
  return out;
}
