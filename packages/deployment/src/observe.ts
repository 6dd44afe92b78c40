import { alarmsTrigger, watchedAlarms } from './alarms.js';
import type { ResolvedDriverConfig } from './config.js';
import { findDeployment } from './deployments.js';
import { epochMs } from './format.js';
import { locate } from './judge.js';
import { runsTasks, stoppedTasksTrigger, targetHealthTrigger } from './reads.js';
import { ourServiceDeployment, STAGE_EVERY, stageTrigger } from './stages.js';
import type { Clock, DeploymentSource } from './source.js';
import { wantsProbe, type FollowerState } from './state.js';
import type {
  AlarmObservation,
  Observation,
  ProbeResult,
  ServiceDeploymentObservation,
  ServiceObservation,
  TargetGroupHealth,
} from './types.js';

/** What the observer remembers between polls to decide which optional calls to make. */
export interface ObserverMemory {
  /** The service as the last successful poll saw it: what changed since is what to read. */
  previous?: ServiceObservation;
  stoppedReadAt: number;
  /** Target health as last read, carried into the polls that do not read it. */
  targets?: readonly TargetGroupHealth[];
  targetsReadAt: number;
  /** ECS's deployment history was asked for (once per wait). */
  historyRead?: boolean;
  /** The deployment alarms' state as last read, carried into the polls that do not read it. */
  alarms?: readonly AlarmObservation[];
  alarmsReadAt: number;
  /** When our service deployment's lifecycle stage was last read (native strategies only). */
  stageReadAt: number;
}

/** Memory before the first poll. */
export const freshMemory: ObserverMemory = {
  stoppedReadAt: Number.NEGATIVE_INFINITY,
  targetsReadAt: Number.NEGATIVE_INFINITY,
  alarmsReadAt: Number.NEGATIVE_INFINITY,
  stageReadAt: Number.NEGATIVE_INFINITY,
};

async function probeSafely(
  source: DeploymentSource,
  signal: AbortSignal | undefined,
): Promise<ProbeResult | undefined> {
  if (source.probe === undefined) return undefined;
  try {
    return await source.probe(signal);
  } catch (err) {
    if (signal?.aborted === true) throw err;
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

// The history only sharpens a message; a role without ecs:ListServiceDeployments must still wait.
async function historySafely(
  source: DeploymentSource,
  signal: AbortSignal | undefined,
): Promise<readonly ServiceDeploymentObservation[] | undefined> {
  try {
    return await source.deploymentHistory?.(signal);
  } catch (err) {
    if (signal?.aborted === true) throw err;
    return undefined;
  }
}

// The alarms' state only sharpens a message: a role without cloudwatch:DescribeAlarms, or a
// throttled read, must not end the wait. The last read stands until one succeeds.
async function alarmsSafely(
  source: DeploymentSource,
  names: readonly string[],
  signal: AbortSignal | undefined,
): Promise<readonly AlarmObservation[] | undefined> {
  try {
    return await source.describeAlarms?.(names, signal);
  } catch (err) {
    if (signal?.aborted === true) throw err;
    return undefined;
  }
}

// The stage only tells how far ECS has got; a role without ecs:DescribeServiceDeployments, or a
// throttled read, must not end the wait.
async function stageSafely(
  source: DeploymentSource,
  arn: string,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  try {
    return await source.serviceDeploymentStage?.(arn, signal);
  } catch (err) {
    if (signal?.aborted === true) throw err;
    return undefined;
  }
}

/**
 * Makes one observation: DescribeServices, then stopped tasks and target health when it says they
 * can have changed (reads.ts), the deployment alarms' state when they are watched and due
 * (alarms.ts), our service deployment's lifecycle stage for a native strategy other than ROLLING
 * when due (stages.ts), and the probe once ECS reports healthy.
 */
export async function observe(
  source: DeploymentSource,
  state: FollowerState,
  config: ResolvedDriverConfig,
  memory: ObserverMemory,
  clock: Clock,
  signal: AbortSignal | undefined,
): Promise<{ obs: Observation; memory: ObserverMemory }> {
  const lookup = await source.describeService(signal);
  const at = clock.now();
  if ('missing' in lookup) return { obs: { at, missing: lookup.missing }, memory };
  const service = lookup.service;
  const obs: Observation = { at, service };
  let next = memory;

  const ref = locate(state, service, config);
  // The poll that times the wait out reads everything, so that what it says is still missing is
  // current, not as of the last read.
  const last = at - state.startedAt >= config.timeout;
  // Our deployment, never seen and not listed: superseded already, or a stale first read? Tasks
  // launched under its id prove it existed; then ECS's history says how it ended (superseded.ts).
  const unlisted =
    ref !== undefined &&
    memory.historyRead !== true &&
    state.lastOurs === undefined &&
    findDeployment(service, ref.id) === undefined;
  if (ref !== undefined) {
    // Read when DescribeServices says our tasks can have stopped (reads.ts), and every
    // stoppedTasksEvery as a safety net. A fresh deployment has nothing to read: the clock starts.
    const trigger = stoppedTasksTrigger(memory.previous, service, ref.id);
    const stale =
      memory.previous !== undefined && at - memory.stoppedReadAt >= config.stoppedTasksEvery;
    if (unlisted || trigger !== undefined || stale || last) {
      const since = epochMs(findDeployment(service, ref.id)?.createdAt);
      const query =
        since === undefined ? { deploymentId: ref.id } : { deploymentId: ref.id, since };
      obs.stoppedTasks = await source.describeStoppedTasks(query, signal);
      next = { ...next, stoppedReadAt: at };
    } else if (memory.previous === undefined) {
      next = { ...next, stoppedReadAt: at };
    }
    const launched = (obs.stoppedTasks ?? []).some((t) => t.startedBy === ref.id);
    if (unlisted && launched && source.deploymentHistory !== undefined) {
      const history = await historySafely(source, signal);
      if (history !== undefined) obs.history = history;
      next = { ...next, historyRead: true };
    }
  }
  const groups = (service.loadBalancers ?? []).flatMap((lb) => lb.targetGroupArn ?? []);
  if (
    ref !== undefined &&
    config.checkTargetHealth !== false &&
    source.targetHealth !== undefined &&
    groups.length > 0
  ) {
    // The periodic read counts from the first poll that sees our tasks run.
    const readAt =
      memory.targetsReadAt === Number.NEGATIVE_INFINITY && runsTasks(service, ref.id)
        ? at
        : memory.targetsReadAt;
    const due = targetHealthTrigger(
      memory.previous,
      service,
      ref.id,
      at - readAt,
      config.targetHealthEvery,
    );
    if (due !== undefined || last) {
      const targets = await source.targetHealth([...new Set(groups)], signal);
      next = { ...next, targets, targetsReadAt: at };
    } else {
      next = { ...next, targetsReadAt: readAt };
    }
    // A poll that does not read target health sees it as last read: nothing said it changed.
    if (next.targets !== undefined) obs.targetHealth = next.targets;
  }
  const alarmNames = watchedAlarms(service);
  if (ref !== undefined && source.describeAlarms !== undefined && alarmNames.length > 0) {
    const due = alarmsTrigger(
      memory.previous,
      service,
      ref.id,
      at - memory.alarmsReadAt,
      config.alarmsEvery,
    );
    if (due !== undefined || last) {
      const alarms = await alarmsSafely(source, alarmNames, signal);
      next = { ...next, alarmsReadAt: at, ...(alarms === undefined ? {} : { alarms }) };
    }
    // A poll that does not read the alarms sees them as last read.
    if (next.alarms !== undefined) obs.alarms = next.alarms;
  }
  const stageArn = ref === undefined ? undefined : ourServiceDeployment(service, ref.id);
  if (stageArn !== undefined && source.serviceDeploymentStage !== undefined) {
    const due = stageTrigger(memory.previous, service, at - memory.stageReadAt, STAGE_EVERY);
    if (due !== undefined) {
      const stage = await stageSafely(source, stageArn, signal);
      if (stage !== undefined) obs.lifecycleStage = stage;
      next = { ...next, stageReadAt: at };
    }
  }
  if (config.probe !== undefined && wantsProbe(state)) {
    const probe = await probeSafely(source, signal);
    if (probe !== undefined) obs.probe = probe;
  }
  return { obs, memory: { ...next, previous: service } };
}
