import { AwsError } from '../errors.js';
import { resolveContainers } from '../engine/resolve.js';
import type { StandaloneLaunch } from '../engine/standalone.js';
import { launchStandalone } from '../engine/standalone.js';
import { requestStop } from '../engine/tasks.js';
import type { SimContext } from '../state/context.js';
import type { TaskDefinitionRecord } from '../state/model.js';
import type { Json, JsonObject } from '../util/json.js';
import {
  clone,
  isObject,
  objectArray,
  optNumber,
  optObject,
  optString,
  reqString,
} from '../util/json.js';
import { renderTask } from './render.js';
import { checkCapacityProviders } from './service-settings.js';
import { requireCluster, requireTaskDefinition } from './services.js';
import { parseTags } from './tags.js';

/** RunTask limits (docs/aws-behaviour.md#one-off-tasks). */
const MAX_COUNT = 10;
const MAX_STARTED_BY = 128;
const STARTED_BY = /^[A-Za-z0-9_/-]*$/;
const MAX_OVERRIDES_LENGTH = 8192;

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

function containerNames(td: TaskDefinitionRecord): string[] {
  return (Array.isArray(td.body.containerDefinitions) ? td.body.containerDefinitions : [])
    .filter(isObject)
    .map((c) => (typeof c.name === 'string' ? c.name : ''));
}

/** Checks `overrides` against the task definition; returns it (or `{}`). */
function checkOverrides(input: JsonObject, td: TaskDefinitionRecord): JsonObject {
  const overrides = optObject(input, 'overrides') ?? {};
  const names = containerNames(td);
  const containerOverrides = objectArray(overrides, 'containerOverrides');
  for (const o of containerOverrides) {
    const name = optString(o, 'name');
    if (name === undefined || !names.includes(name))
      throw invalid(
        `Override for container named ${name ?? ''} is not a container in the TaskDefinition.`,
      );
  }
  if (JSON.stringify(containerOverrides).length > MAX_OVERRIDES_LENGTH)
    throw invalid(`Container Overrides length must be at most ${MAX_OVERRIDES_LENGTH}`);
  return overrides;
}

/** awsvpc tasks need subnets; other network modes take no network configuration (refused). */
function checkNetwork(input: JsonObject, td: TaskDefinitionRecord): JsonObject | undefined {
  const network = optObject(input, 'networkConfiguration');
  if (td.body.networkMode !== 'awsvpc') {
    if (network)
      throw invalid(
        'Network Configuration is not valid for the given networkMode of this task definition.',
      );
    return undefined;
  }
  const vpc = network ? optObject(network, 'awsvpcConfiguration') : undefined;
  if (!vpc)
    throw invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  const subnets = Array.isArray(vpc.subnets) ? vpc.subnets : [];
  if (subnets.length === 0) throw invalid('subnets can not be empty.');
  return network;
}

/** The launch type a RunTask request gets, checked against the task definition. */
function launchTypeOf(input: JsonObject, td: TaskDefinitionRecord): string {
  checkCapacityProviders(input);
  const strategy = objectArray(input, 'capacityProviderStrategy');
  if (strategy.length > 0) return 'FARGATE';
  // Without a launch type or a strategy (and no cluster default strategy: the simulator's clusters
  // have none) ECS uses EC2.
  const launchType = optString(input, 'launchType') ?? 'EC2';
  const compat = Array.isArray(td.body.requiresCompatibilities)
    ? td.body.requiresCompatibilities
    : [];
  if (launchType === 'FARGATE' || compat.length > 0) {
    if (!compat.includes(launchType))
      throw invalid(`Task definition does not support launch_type ${launchType}.`);
  }
  return launchType;
}

function checkStartedBy(startedBy: string | undefined): void {
  if (startedBy === undefined) return;
  if (startedBy.length > MAX_STARTED_BY || !STARTED_BY.test(startedBy))
    throw invalid(
      `startedBy may hold up to ${MAX_STARTED_BY} letters, numbers, hyphens, forward slashes and underscores.`,
    );
}

/**
 * RunTask: starts `count` standalone tasks of an ACTIVE task definition. Everything is checked
 * before anything starts; the same `clientToken` returns the tasks it started the first time.
 */
export async function runTask(input: JsonObject, ctx: SimContext, now: number): Promise<Json> {
  const { world } = ctx;
  const cluster = requireCluster(world, input);
  const td = requireTaskDefinition(world, reqString(input, 'taskDefinition'));
  const count = optNumber(input, 'count') ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT)
    throw invalid(`count must be between 1 and ${MAX_COUNT}.`);
  const startedBy = optString(input, 'startedBy');
  checkStartedBy(startedBy);
  const overrides = checkOverrides(input, td);
  const network = checkNetwork(input, td);
  const launchType = launchTypeOf(input, td);
  const tags = parseTags(input.tags);
  const token = optString(input, 'clientToken');
  const earlier = token !== undefined ? world.runTaskTokens.get(token) : undefined;
  if (earlier) {
    const tasks = earlier.flatMap((id) => {
      const t = world.tasks.get(id);
      return t ? [renderTask(world, t)] : [];
    });
    return { tasks, failures: [] };
  }
  const containers = await resolveContainers(td, {
    registry: ctx.registry,
    isDeleted: (repo, digest) => ctx.repositories.isDeleted(repo, digest),
  });
  const launch: StandaloneLaunch = {
    cluster,
    td,
    launchType,
    platformVersion: optString(input, 'platformVersion') ?? 'LATEST',
    run: {
      ...(startedBy !== undefined ? { startedBy } : {}),
      group: optString(input, 'group') ?? `family:${td.family}`,
      overrides: clone(overrides),
      tags,
      containers,
      ...(network ? { networkConfiguration: clone(network) } : {}),
    },
  };
  const started = Array.from({ length: count }, () => launchStandalone(world, launch, now));
  if (token !== undefined)
    world.runTaskTokens.set(
      token,
      started.map((t) => t.id),
    );
  return { tasks: started.map((t) => renderTask(world, t, true)), failures: [] };
}

/**
 * StopTask: the task is asked to stop (UserInitiated, the given reason or ECS's default) and is
 * STOPPED after the stop time; a service replaces its own stopped tasks. Stopping a STOPPED task
 * changes nothing.
 */
export function stopTask(input: JsonObject, ctx: SimContext, now: number): Json {
  const { world } = ctx;
  const cluster = requireCluster(world, input);
  const ref = reqString(input, 'task');
  const task = world.tasks.get(ref.slice(ref.lastIndexOf('/') + 1));
  if (task?.clusterName !== cluster.name) throw invalid('The referenced task was not found.');
  if (task.desiredStatus !== 'STOPPED')
    requestStop(
      world,
      task,
      now,
      'UserInitiated',
      optString(input, 'reason') ?? 'Task stopped by user',
    );
  return { task: renderTask(world, task) };
}
