import { deploymentCounts, primaryDeployment } from './deployments.js';
import { describeRef } from './format.js';
import type { Ruling } from './judge.js';
import type { FollowerState } from './state.js';
import { targetCounts } from './targets.js';
import type { Observation } from './types.js';
import { isTerminal, type TimelineEntry, type Verdict } from './verdict.js';

/** Digest of what matters in an observation: any difference counts as progress. */
export function fingerprint(obs: Observation, ruling: Ruling): string {
  const deployments = deploymentCounts(obs.service);
  const targets = obs.targetHealth === undefined ? null : targetCounts(obs.targetHealth);
  const probe = obs.probe === undefined ? null : [obs.probe.ok, obs.probe.status];
  return JSON.stringify([
    obs.service?.status ?? null,
    deployments,
    targets,
    probe,
    ruling.waitingFor,
  ]);
}

/** Timeline rows for what changed between the previous state and this ruling. */
export function timelineRows(
  state: FollowerState,
  ruling: Ruling,
  obs: Observation,
  verdict: Verdict,
): TimelineEntry[] {
  const rows: string[] = [];
  const ours = ruling.ours;
  const prev = state.lastOurs;
  if (state.deployment === undefined && ruling.deployment !== undefined) {
    rows.push(`following deployment ${describeRef(ruling.deployment)}`);
  }
  if (
    ours !== undefined &&
    (ours.rolloutState !== prev?.rolloutState || ours.status !== prev?.status)
  ) {
    const reason =
      ours.rolloutState === 'FAILED' && ours.rolloutStateReason !== undefined
        ? `: ${ours.rolloutStateReason}`
        : '';
    rows.push(
      `${ours.id ?? '?'}: ${ours.status ?? '?'}, ${ours.rolloutState ?? 'no rolloutState'}${reason}`,
    );
  }
  const primary = obs.service === undefined ? undefined : primaryDeployment(obs.service);
  const prevPrimary = state.fingerprint === '' ? undefined : state.primaryId;
  if (
    primary?.id !== undefined &&
    primary.id !== ruling.deployment?.id &&
    primary.id !== prevPrimary
  ) {
    rows.push(
      `deployment ${primary.id} (${primary.taskDefinition?.split('/').pop() ?? '?'}) became PRIMARY`,
    );
  }
  const ecsHealthy = ruling.health?.ecsHealthySince !== undefined;
  if (ecsHealthy && state.ecsHealthySince === undefined)
    rows.push('ECS reports the deployment done');
  if (!ecsHealthy && state.ecsHealthySince !== undefined && verdict.kind === 'in-progress') {
    rows.push(`health lost: ${ruling.waitingFor.join('; ')}`);
  }
  if (isTerminal(verdict)) rows.push(`verdict: ${verdict.kind}`);
  return rows.map((text) => ({ at: obs.at, text }));
}
