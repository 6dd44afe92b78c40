import type { ResolvedDriverConfig } from './config.js';
import { findDeployment } from './deployments.js';
import { epochMs } from './format.js';
import { locate } from './judge.js';
import type { Clock, DeploymentSource } from './source.js';
import { wantsProbe, type FollowerState } from './state.js';
import type { Observation, ProbeResult, ServiceObservation } from './types.js';

/** What the observer remembers between polls to decide which optional calls to make. */
export interface ObserverMemory {
  /** The service's counts and newest event when stopped tasks were last read. */
  stoppedKey: string;
  stoppedReadAt: number;
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
  if (ref !== undefined) {
    const key = serviceKey(service);
    if (key !== memory.stoppedKey || at - memory.stoppedReadAt >= config.stoppedTasksEvery) {
      const since = epochMs(findDeployment(service, ref.id)?.createdAt);
      const query =
        since === undefined ? { deploymentId: ref.id } : { deploymentId: ref.id, since };
      obs.stoppedTasks = await source.describeStoppedTasks(query, signal);
      next = { stoppedKey: key, stoppedReadAt: at };
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
