import type { ResolvedDriverConfig } from './config.js';
import { findDeployment } from './deployments.js';
import { epochMs } from './format.js';
import { locate } from './judge.js';
import type { Clock, DeploymentSource } from './source.js';
import { wantsProbe, type FollowerState } from './state.js';
import type {
  Observation,
  ProbeResult,
  ServiceDeploymentObservation,
  ServiceObservation,
} from './types.js';

/** What the observer remembers between polls to decide which optional calls to make. */
export interface ObserverMemory {
  /** The service's counts and newest event when stopped tasks were last read. */
  stoppedKey: string;
  stoppedReadAt: number;
  /** ECS's deployment history was asked for (once per wait). */
  historyRead?: boolean;
}

/** Memory before the first poll. */
export const freshMemory: ObserverMemory = {
  stoppedKey: '',
  stoppedReadAt: Number.NEGATIVE_INFINITY,
};

// A new stopped task shows up as a change in these (failedTasks, counts, an event), so reading
// stopped tasks only then keeps ListTasks/DescribeTasks calls down without missing reasons.
function serviceKey(service: ServiceObservation): string {
  const deployments = (service.deployments ?? []).map((d) => [
    d.id,
    d.runningCount,
    d.pendingCount,
    d.failedTasks,
    d.rolloutState,
  ]);
  return JSON.stringify([deployments, service.events?.[0]?.id ?? null]);
}

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

/** Makes one observation: DescribeServices, then stopped tasks, target health and probe as needed. */
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
  // Our deployment, never seen and not listed: superseded already, or a stale first read? Tasks
  // launched under its id prove it existed; then ECS's history says how it ended (superseded.ts).
  const unlisted =
    ref !== undefined &&
    memory.historyRead !== true &&
    state.lastOurs === undefined &&
    findDeployment(service, ref.id) === undefined;
  if (ref !== undefined) {
    const key = serviceKey(service);
    if (
      unlisted ||
      key !== memory.stoppedKey ||
      at - memory.stoppedReadAt >= config.stoppedTasksEvery
    ) {
      const since = epochMs(findDeployment(service, ref.id)?.createdAt);
      const query =
        since === undefined ? { deploymentId: ref.id } : { deploymentId: ref.id, since };
      obs.stoppedTasks = await source.describeStoppedTasks(query, signal);
      next = { ...next, stoppedKey: key, stoppedReadAt: at };
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
    config.checkTargetHealth !== false &&
    source.targetHealth !== undefined &&
    groups.length > 0
  ) {
    obs.targetHealth = await source.targetHealth([...new Set(groups)], signal);
  }
  if (config.probe !== undefined && wantsProbe(state)) {
    const probe = await probeSafely(source, signal);
    if (probe !== undefined) obs.probe = probe;
  }
  return { obs, memory: next };
}
