import { isArray, isObject, type JsonObject } from './json.js';
import { findPlaceholder } from './placeholders.js';
import { error, type Problem } from './problems.js';
import type { TaskContext } from './task-context.js';

// ECS accepts a role's ARN (with an optional path) or its bare name.
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ECR_PRIVATE = /^\d{12}\.dkr\.ecr\./;

/** A role member, when present, must be a role ARN or name, not empty or a placeholder. */
export function checkRole(
  definition: JsonObject,
  key: 'taskRoleArn' | 'executionRoleArn',
): Problem[] {
  const value = definition[key];
  if (typeof value !== 'string') return [];
  if (value.trim() === '') {
    return [
      error(key, 'role-empty', `${key} is empty`, `Remove "${key}" or set it to an IAM role ARN.`),
    ];
  }
  const placeholder = findPlaceholder(value);
  if (placeholder !== undefined) {
    return [
      error(
        key,
        'placeholder',
        `${key} still holds the placeholder ${placeholder}`,
        'Replace it with the IAM role ARN.',
      ),
    ];
  }
  if (ROLE_ARN.test(value) || ROLE_NAME.test(value)) return [];
  return [
    error(
      key,
      'role-arn-invalid',
      `"${value}" is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>) or role name`,
    ),
  ];
}

/** Secrets, registry credentials, and on Fargate awslogs and private ECR pulls, run as the execution role. */
export function checkExecutionRoleNeeded(
  definition: JsonObject,
  containers: readonly JsonObject[],
  ctx: TaskContext,
): Problem[] {
  if (typeof definition.executionRoleArn === 'string' && definition.executionRoleArn !== '')
    return [];
  const reasons = new Set<string>();
  for (const c of containers) {
    const log = isObject(c.logConfiguration) ? c.logConfiguration : {};
    if (isArray(c.secrets) && c.secrets.length > 0) reasons.add('secrets');
    if (isArray(log.secretOptions) && log.secretOptions.length > 0)
      reasons.add('log secretOptions');
    if (c.repositoryCredentials !== undefined) reasons.add('repositoryCredentials');
    if (ctx.fargate && log.logDriver === 'awslogs') reasons.add('the awslogs driver on Fargate');
    if (ctx.fargate && typeof c.image === 'string' && ECR_PRIVATE.test(c.image))
      reasons.add('private ECR images on Fargate');
  }
  if (reasons.size === 0) return [];
  return [
    error(
      'executionRoleArn',
      'execution-role-missing',
      `executionRoleArn is missing, but ${[...reasons].join(', ')} need${reasons.size === 1 ? 's' : ''} the task execution role`,
      'Set "executionRoleArn" to a role that trusts ecs-tasks.amazonaws.com (e.g. with AmazonECSTaskExecutionRolePolicy).',
    ),
  ];
}
