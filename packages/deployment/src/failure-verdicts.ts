// Builders for the terminal rulings the failure rules produce.
import { alarmFailure } from './alarms.js';
import { refOf } from './deployments.js';
import type { RuleContext } from './failure-rules.js';
import { describeRef, shortTaskDefinition } from './format.js';
import type { DeploymentObservation } from './types.js';
import type { Verdict } from './verdict.js';

/** A terminal ruling, plus when our deployment was first seen FAILED. */
export interface FailureRuling {
  verdict: Verdict;
  waitingFor: string[];
  failedSince?: number;
}

/** A `failed` ruling for our deployment. */
export function failed(
  ctx: RuleContext,
  cause:
    | 'circuit-breaker'
    | 'alarm'
    | 'replaced'
    | 'superseded'
    | 'disappeared'
    | 'not-found'
    | 'service-inactive'
    | 'tasks-failing',
  message: string,
  replacedBy?: DeploymentObservation,
): FailureRuling {
  const verdict: Verdict = {
    kind: 'failed',
    cause,
    deployment: ctx.ref,
    message,
    reasons: ctx.reasons,
  };
  if (replacedBy !== undefined) verdict.replacedBy = refOf(replacedBy);
  return { verdict, waitingFor: [] };
}

/** Why ECS failed our deployment: its FAILED rolloutStateReason, else the failure event. */
function failureReason(ctx: RuleContext): string | undefined {
  const d = ctx.ours ?? ctx.state.lastOurs;
  if (d?.rolloutState === 'FAILED' && d.rolloutStateReason !== undefined)
    return d.rolloutStateReason;
  // Polls may miss the FAILED state entirely (e.g. while throttled); the event stays.
  const m = /deployment failed: (.+)$/.exec(ctx.news.failureEvent ?? '');
  return m === null ? undefined : `deployment failed: ${m[1] ?? ''}`;
}

/**
 * The alarms that had a part in ECS failing our deployment, as one clause (`alarm web-5xx went to
 * ALARM at 12:03:10Z: Threshold Crossed: …`), or undefined when none did.
 */
export function alarmClause(ctx: RuleContext): { text: string; blamed: boolean } | undefined {
  const found = alarmFailure(
    ctx.service,
    ctx.obs.alarms ?? ctx.state.alarms,
    ctx.ours ?? ctx.state.lastOurs,
    [failureReason(ctx), ctx.news.failureEvent],
  );
  return found === undefined ? undefined : { text: found.lines.join('; '), blamed: found.blamed };
}

/** `why`, then the alarm clause, as one sentence ending in a full stop. */
function withAlarms(why: string | undefined, alarms: string | undefined): string | undefined {
  if (alarms === undefined) return why;
  const cause = why === undefined ? '' : `${why.replace(/\.$/, '')} — `;
  return `${cause}${alarms}`;
}

/** A `rolled-back` ruling: ECS went back to an earlier revision. */
export function rolledBack(
  ctx: RuleContext,
  rollback: DeploymentObservation | undefined,
  rolledBackTo: string | undefined,
): FailureRuling {
  const why = withAlarms(failureReason(ctx), alarmClause(ctx)?.text);
  const toRevision = shortTaskDefinition(rollback?.taskDefinition ?? ctx.service.taskDefinition);
  const done = rollback?.rolloutState === 'COMPLETED';
  const via =
    rollback === undefined
      ? ''
      : ` (rollback deployment ${rollback.id ?? '?'}, ${rollback.rolloutState ?? 'no rolloutState'})`;
  const message =
    `ECS rolled back deployment ${describeRef(ctx.ref)}` +
    (why === undefined ? '.' : `: ${why.endsWith('.') ? why : `${why}.`}`) +
    ` The service ${done ? 'is back on' : 'is going back to'} ${toRevision}${via}.`;
  const verdict: Verdict = {
    kind: 'rolled-back',
    deployment: ctx.ref,
    message,
    reasons: ctx.reasons,
  };
  if (rollback !== undefined) {
    verdict.rollback = refOf(rollback);
    if (rollback.rolloutState !== undefined) verdict.rollback.rolloutState = rollback.rolloutState;
    if (rollback.updatedAt !== undefined) verdict.rollback.updatedAt = rollback.updatedAt.getTime();
  }
  if (rolledBackTo !== undefined) verdict.rolledBackTo = rolledBackTo;
  return { verdict, waitingFor: [] };
}
