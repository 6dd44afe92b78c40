import { AwsError } from '../errors.js';
import type { Tag, TaskDefinitionRecord } from '../state/model.js';
import type { World } from '../state/world.js';
import type { Json, JsonObject } from '../util/json.js';
import { clone, epochSeconds, isObject, optString, reqString, stringArray } from '../util/json.js';
import { normaliseUnits } from './fargate.js';
import { checkContainerCount, checkImageName, checkTaskDefinitionSize } from './quotas.js';
import { parseTags, renderTags } from './tags.js';
import { validateTaskDefinition } from './validate-task-definition.js';

const notFound = (): AwsError =>
  new AwsError('ClientException', 'Unable to describe task definition.');

/** Applies ECS's register-time defaults so Describe round-trips like the real service (docs/aws-behaviour.md#read-only-fields). */
export function normaliseTaskDefinition(input: JsonObject): JsonObject {
  const td = clone(input);
  delete td.tags;
  for (const key of ['cpu', 'memory'] as const) {
    const v = td[key];
    if (typeof v === 'number') td[key] = String(v);
    if (typeof td[key] === 'string') {
      const n = normaliseUnits(td[key], key);
      if (n === undefined) {
        throw new AwsError(
          'ClientException',
          key === 'cpu'
            ? "Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."
            : "Invalid 'memory' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
        );
      }
      td[key] = n;
    }
  }
  td.volumes ??= [];
  td.placementConstraints ??= [];
  const awsvpc = td.networkMode === 'awsvpc';
  const containers = Array.isArray(td.containerDefinitions) ? td.containerDefinitions : [];
  td.containerDefinitions = containers.map((c) =>
    isObject(c) ? normaliseContainer(c, awsvpc) : c,
  );
  return td;
}

function normaliseContainer(c: JsonObject, awsvpc: boolean): JsonObject {
  const out: JsonObject = { ...c };
  out.cpu ??= 0;
  out.essential ??= true;
  out.environment ??= [];
  out.mountPoints ??= [];
  out.volumesFrom ??= [];
  const ports = Array.isArray(c.portMappings) ? c.portMappings : [];
  out.portMappings = ports.map((p) => {
    if (!isObject(p)) return p;
    const q: JsonObject = { ...p };
    if (awsvpc && typeof q.containerPort === 'number') q.hostPort ??= q.containerPort;
    q.protocol ??= 'tcp';
    return q;
  });
  return out;
}

function requiresAttributes(td: JsonObject): Json[] {
  const names = new Set<string>(['com.amazonaws.ecs.capability.docker-remote-api.1.18']);
  const containers = Array.isArray(td.containerDefinitions)
    ? td.containerDefinitions.filter(isObject)
    : [];
  const hasExec = typeof td.executionRoleArn === 'string';
  if (typeof td.taskRoleArn === 'string') names.add('com.amazonaws.ecs.capability.task-iam-role');
  if (td.networkMode === 'awsvpc') names.add('ecs.capability.task-eni');
  for (const c of containers) {
    if (typeof c.image === 'string' && c.image.includes('.dkr.ecr.')) {
      names.add('com.amazonaws.ecs.capability.ecr-auth');
      if (hasExec) names.add('ecs.capability.execution-role-ecr-pull');
    }
    const log = isObject(c.logConfiguration) ? c.logConfiguration : undefined;
    if (log?.logDriver === 'awslogs') {
      names.add('com.amazonaws.ecs.capability.logging-driver.awslogs');
      if (hasExec) names.add('ecs.capability.execution-role-awslogs');
    }
    if (isObject(c.healthCheck)) names.add('ecs.capability.container-health-check');
    for (const s of Array.isArray(c.secrets) ? c.secrets.filter(isObject) : []) {
      const from = typeof s.valueFrom === 'string' ? s.valueFrom : '';
      names.add(
        from.startsWith('arn:aws:secretsmanager:')
          ? 'ecs.capability.secrets.asm.environment-variables'
          : 'ecs.capability.secrets.ssm.environment-variables',
      );
    }
  }
  return [...names].map((name) => ({ name }));
}

function compatibilities(td: JsonObject): Json[] {
  const out: Json[] = ['EC2'];
  const compat = Array.isArray(td.requiresCompatibilities) ? td.requiresCompatibilities : [];
  if (
    td.networkMode === 'awsvpc' &&
    (compat.includes('FARGATE') || (td.cpu !== undefined && td.memory !== undefined))
  ) {
    out.push('FARGATE');
  }
  return out;
}

/** The TaskDefinition output shape, read-only fields included. */
export function renderTaskDefinition(world: World, r: TaskDefinitionRecord): JsonObject {
  return {
    taskDefinitionArn: r.arn,
    ...r.body,
    family: r.family,
    revision: r.revision,
    status: r.status,
    requiresAttributes: requiresAttributes(r.body),
    compatibilities: compatibilities(r.body),
    registeredAt: epochSeconds(r.registeredAt),
    registeredBy: world.identity.arn,
    ...(r.deregisteredAt !== undefined ? { deregisteredAt: epochSeconds(r.deregisteredAt) } : {}),
  };
}

/** RegisterTaskDefinition: validate, normalise, store as the family's next revision. */
export function registerTaskDefinition(world: World, input: JsonObject, now: number): JsonObject {
  const family = reqString(input, 'family');
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(family)) {
    throw new AwsError('ClientException', 'Family contains invalid characters.');
  }
  checkTaskDefinitionSize(input);
  const containers = Array.isArray(input.containerDefinitions) ? input.containerDefinitions : [];
  checkContainerCount(containers.length);
  for (const c of containers)
    if (isObject(c) && typeof c.image === 'string') checkImageName(c.image);
  const tags = parseTags(input.tags);
  const body = normaliseTaskDefinition(input);
  validateTaskDefinition(body);
  const revisions = world.taskDefinitions.get(family) ?? [];
  const revision = (revisions.at(-1)?.revision ?? 0) + 1;
  const record: TaskDefinitionRecord = {
    family,
    revision,
    arn: world.ecsArn(`task-definition/${family}:${revision}`),
    status: 'ACTIVE',
    body,
    registeredAt: now,
    tags,
  };
  revisions.push(record);
  world.taskDefinitions.set(family, revisions);
  return { taskDefinition: renderTaskDefinition(world, record), tags: renderTags(tags) };
}

/** Finds a task definition by `family` (latest ACTIVE), `family:revision` or ARN. */
export function findTaskDefinition(world: World, ref: string): TaskDefinitionRecord | undefined {
  const tail = ref.startsWith('arn:')
    ? ref.slice(ref.indexOf('task-definition/') + 'task-definition/'.length)
    : ref;
  const colon = tail.lastIndexOf(':');
  const family = colon >= 0 ? tail.slice(0, colon) : tail;
  const revisions = world.taskDefinitions.get(family) ?? [];
  if (colon < 0) return revisions.filter((r) => r.status === 'ACTIVE').at(-1);
  const rev = Number(tail.slice(colon + 1));
  return revisions.find((r) => r.revision === rev);
}

/** DescribeTaskDefinition (tags only with include: ["TAGS"], at the top level). */
export function describeTaskDefinition(world: World, input: JsonObject): JsonObject {
  const r = findTaskDefinition(world, reqString(input, 'taskDefinition'));
  if (!r) throw notFound();
  const withTags = stringArray(input, 'include').includes('TAGS');
  return {
    taskDefinition: renderTaskDefinition(world, r),
    ...(withTags ? { tags: renderTags(r.tags) } : {}),
  };
}

/** DeregisterTaskDefinition: the revision turns INACTIVE but stays describable. */
export function deregisterTaskDefinition(world: World, input: JsonObject, now: number): JsonObject {
  const ref = reqString(input, 'taskDefinition');
  if (!ref.includes(':'))
    throw new AwsError('ClientException', 'Invalid revision number. Number: ' + ref);
  const r = findTaskDefinition(world, ref);
  if (!r) throw new AwsError('ClientException', 'The specified task definition does not exist.');
  if (r.status === 'ACTIVE') {
    r.status = 'INACTIVE';
    r.deregisteredAt = now;
  }
  return { taskDefinition: renderTaskDefinition(world, r) };
}

/** ListTaskDefinitions: ARNs filtered by family prefix and status, sorted by family and revision. */
export function listTaskDefinitions(world: World, input: JsonObject): JsonObject {
  const prefix = optString(input, 'familyPrefix');
  const status = optString(input, 'status') ?? 'ACTIVE';
  const desc = optString(input, 'sort') === 'DESC';
  const arns: string[] = [];
  for (const [family, revisions] of [...world.taskDefinitions].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (prefix !== undefined && family !== prefix) continue;
    for (const r of revisions) if (r.status === status) arns.push(r.arn);
  }
  if (desc) arns.reverse();
  return { taskDefinitionArns: arns };
}

/** ListTaskDefinitionFamilies. */
export function listTaskDefinitionFamilies(world: World, input: JsonObject): JsonObject {
  const prefix = optString(input, 'familyPrefix') ?? '';
  const status = optString(input, 'status') ?? 'ACTIVE';
  const families = [...world.taskDefinitions]
    .filter(
      ([f, revs]) =>
        f.startsWith(prefix) && (status === 'ALL' || revs.some((r) => r.status === status)),
    )
    .map(([f]) => f)
    .sort();
  return { families };
}

/** Tags of a task definition, for TagResource. */
export function taskDefinitionTags(world: World, arn: string): Tag[] | undefined {
  return findTaskDefinition(world, arn)?.tags;
}
