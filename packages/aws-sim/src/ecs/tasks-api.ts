import { AwsError } from '../errors.js';
import type { Task } from '../state/model.js';
import type { SimContext } from '../state/context.js';
import type { Json, JsonObject } from '../util/json.js';
import { optNumber, optString, stringArray } from '../util/json.js';
import { renderTask } from './render.js';
import { requireCluster, requireService } from './services.js';
import { familyOf } from '../engine/tasks.js';

/**
 * Page through a list with an opaque offset token. The page size is the request's `maxResults`
 * (CloudWatch Logs calls it `limit`); a token we did not issue is InvalidParameterException with
 * the service's wording.
 */
export function paginate<T>(
  items: readonly T[],
  input: JsonObject,
  defaultSize: number,
  wording: { limitKey: string; invalidToken: string } = {
    limitKey: 'maxResults',
    invalidToken: 'Invalid nextToken.',
  },
): { page: T[]; nextToken?: string } {
  const max = optNumber(input, wording.limitKey) ?? defaultSize;
  const token = optString(input, 'nextToken');
  const start = token !== undefined ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0)
    throw new AwsError('InvalidParameterException', wording.invalidToken);
  const page = items.slice(start, start + max);
  const next = start + max;
  return next < items.length
    ? { page, nextToken: Buffer.from(String(next)).toString('base64url') }
    : { page };
}

function matchesStatus(t: Task, desired: string): boolean {
  if (desired === 'STOPPED') return t.desiredStatus === 'STOPPED';
  if (desired === 'PENDING') return t.desiredStatus === 'RUNNING' && t.lastStatus !== 'RUNNING';
  return t.desiredStatus === 'RUNNING';
}

/** ListTasks: by service, startedBy, family; desiredStatus RUNNING unless asked otherwise. */
export function listTasks(input: JsonObject, ctx: SimContext): Json {
  const cluster = requireCluster(ctx.world, input);
  const serviceName = optString(input, 'serviceName');
  const service =
    serviceName !== undefined ? requireService(ctx.world, cluster, serviceName) : undefined;
  const startedBy = optString(input, 'startedBy');
  const family = optString(input, 'family');
  const desired = optString(input, 'desiredStatus') ?? 'RUNNING';
  const arns = [...ctx.world.tasks.values()]
    .filter(
      (t) =>
        t.clusterName === cluster.name &&
        (service === undefined || t.serviceName === service.name) &&
        (startedBy === undefined || (t.standalone?.startedBy ?? t.deploymentId) === startedBy) &&
        (family === undefined || familyOf(t.taskDefinitionArn) === family) &&
        matchesStatus(t, desired),
    )
    .map((t) => t.arn)
    .reverse();
  const { page, nextToken } = paginate(arns, input, 100);
  return { taskArns: page, ...(nextToken ? { nextToken } : {}) };
}

/** DescribeTasks: tasks by ARN or id; unknown ones are MISSING failures. */
export function describeTasks(input: JsonObject, ctx: SimContext): Json {
  const cluster = requireCluster(ctx.world, input);
  const refs = stringArray(input, 'tasks');
  if (refs.length === 0 || refs.length > 100) {
    throw new AwsError('InvalidParameterException', 'Tasks cannot be empty.');
  }
  const withTags = stringArray(input, 'include').includes('TAGS');
  const tasks: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs) {
    const id = ref.slice(ref.lastIndexOf('/') + 1);
    const t = ctx.world.tasks.get(id);
    if (t?.clusterName === cluster.name) tasks.push(renderTask(ctx.world, t, withTags));
    else
      failures.push({
        arn: ref.startsWith('arn:') ? ref : ctx.world.ecsArn(`task/${cluster.name}/${id}`),
        reason: 'MISSING',
      });
  }
  return { tasks, failures };
}
