import { taskCount } from './deployments.js';
import { plural } from './format.js';
import { targetCounts } from './targets.js';
import type { DeploymentObservation, Observation } from './types.js';

/**
 * One progress line, e.g. `dev/api: 3/4 running, 1 pending, 2 failed tasks · old 2 running ·
 * targets 2 healthy 1 initial · deployment ecs-svc/123 IN_PROGRESS`.
 */
export function progressLine(
  label: string,
  obs: Observation,
  ours: DeploymentObservation | undefined,
  deploymentId: string | undefined,
): string {
  const service = obs.service;
  if (service === undefined) return `${label}: service not found`;
  const parts: string[] = [];
  if (ours !== undefined) {
    const desired = ours.desiredCount ?? service.desiredCount ?? 0;
    let counts = `${ours.runningCount ?? 0}/${desired} running`;
    if ((ours.pendingCount ?? 0) > 0) counts += `, ${ours.pendingCount ?? 0} pending`;
    if ((ours.failedTasks ?? 0) > 0) counts += `, ${plural(ours.failedTasks ?? 0, 'failed task')}`;
    parts.push(counts);
  } else {
    parts.push(`${service.runningCount ?? 0}/${service.desiredCount ?? 0} running (service)`);
  }
  const old = (service.deployments ?? []).filter((d) => d.id !== deploymentId && taskCount(d) > 0);
  if (old.length > 0) {
    const running = old.reduce((n, d) => n + (d.runningCount ?? 0), 0);
    parts.push(`other deployments ${running} running`);
  }
  if (obs.targetHealth !== undefined) {
    const counts = targetCounts(obs.targetHealth);
    parts.push(
      counts.length === 0
        ? 'no targets'
        : `targets ${counts.map(([s, n]) => `${n} ${s}`).join(' ')}`,
    );
  }
  if (obs.probe !== undefined) {
    parts.push(
      obs.probe.ok
        ? 'probe ok'
        : `probe failing${obs.probe.status === undefined ? '' : ` (${obs.probe.status})`}`,
    );
  }
  const state = ours === undefined ? 'not listed' : (ours.rolloutState ?? ours.status ?? '?');
  parts.push(`deployment ${deploymentId ?? '?'} ${state}`);
  return `${label}: ${parts.join(' · ')}`;
}
