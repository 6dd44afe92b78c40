// Builders for the terminal rulings the failure rules produce.
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

/** A `rolled-back` ruling: ECS went back to an earlier revision. */
export function rolledBack(
  ctx: RuleContext,
  rollback: DeploymentObservation | undefined,
  rolledBackTo: string | undefined,
): FailureRuling {
  const why = failureReason(ctx);
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
