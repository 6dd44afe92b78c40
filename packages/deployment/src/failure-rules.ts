import { followerDefaults, type FollowerConfig } from './config.js';
import {
  circuitBreakerEnabled,
  primaryDeployment,
  refOf,
  rollbackEnabled,
  rollbackTargetIn,
} from './deployments.js';
import { describeRef, formatDuration, shortTaskDefinition } from './format.js';
import type { News } from './ingest.js';
import type { FollowerState } from './state.js';
import type { DeploymentObservation, Observation, ServiceObservation } from './types.js';
import type { DeploymentRef, Reasons, Verdict } from './verdict.js';

/** What the failure rules look at. */
export interface RuleContext {
  state: FollowerState;
  news: News;
  obs: Observation;
  service: ServiceObservation;
  ours: DeploymentObservation | undefined;
  ref: DeploymentRef;
  config: FollowerConfig;
  reasons: Reasons;
}

/** A terminal ruling, plus when our deployment was first seen FAILED. */
export interface FailureRuling {
  verdict: Verdict;
  waitingFor: string[];
  failedSince?: number;
}

function failed(
  ctx: RuleContext,
  cause:
    | 'circuit-breaker'
    | 'replaced'
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

function rolledBack(
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
  }
  if (rolledBackTo !== undefined) verdict.rolledBackTo = rolledBackTo;
  return { verdict, waitingFor: [] };
}

/** The rules that end the wait without success; undefined when none applies. */
export function failureRules(ctx: RuleContext): FailureRuling | undefined {
  const { service, ours, ref, state, news, obs, config } = ctx;
  if (service.status === 'INACTIVE' || service.status === 'DRAINING') {
    return failed(
      ctx,
      'service-inactive',
      `the service is ${service.status} (deleted or being deleted) — nothing to wait for`,
    );
  }
  const primary = primaryDeployment(service);
  const other = primary !== undefined && primary.id !== ref.id ? primary : undefined;
  const ecsSaysFailed =
    news.failureEvent !== undefined ||
    ours?.rolloutState === 'FAILED' ||
    state.lastOurs?.rolloutState === 'FAILED';

  if (ours?.status !== 'PRIMARY') {
    const otherIsRollback = rollbackTargetIn(other?.rolloutStateReason) !== undefined;
    if (other !== undefined && (ecsSaysFailed || otherIsRollback)) {
      return rolledBack(
        ctx,
        other,
        rollbackTargetIn(other.rolloutStateReason) ?? news.rollingBackTo,
      );
    }
    if (ours === undefined && state.lastOurs === undefined && !otherIsRollback) {
      // Never seen yet: DescribeServices right after UpdateService may still be a stale read.
      const grace = config.locateGrace ?? followerDefaults.locateGrace;
      if (obs.at - state.startedAt < grace) return undefined;
      const primaryNow = other === undefined ? 'nothing' : describeRef(refOf(other));
      const message = `deployment ${describeRef(ref)} never appeared in DescribeServices within ${formatDuration(grace)} (PRIMARY is ${primaryNow})`;
      return failed(ctx, 'not-found', message, other);
    }
    if (other !== undefined) {
      const message =
        `deployment ${describeRef(ref)} was replaced by deployment ${describeRef(refOf(other))}: ` +
        `another deploy to this service started while this one was in progress`;
      return failed(ctx, 'replaced', message, other);
    }
    if (ours === undefined) {
      if (ecsSaysFailed && news.rollingBackTo !== undefined)
        return rolledBack(ctx, undefined, news.rollingBackTo);
      return failed(
        ctx,
        'disappeared',
        `deployment ${describeRef(ref)} is no longer listed and no other deployment is PRIMARY`,
      );
    }
    return undefined;
  }

  if (ours.rolloutState === 'FAILED') {
    if (news.rollingBackTo !== undefined && news.failureEvent !== undefined) {
      return rolledBack(ctx, undefined, news.rollingBackTo);
    }
    const failedSince = state.failedSince ?? obs.at;
    const grace = config.rollbackGrace ?? followerDefaults.rollbackGrace;
    if (rollbackEnabled(service) && obs.at - failedSince < grace) return undefined;
    const reason = ours.rolloutStateReason ?? 'rolloutState FAILED';
    const noRollback = rollbackEnabled(service)
      ? `no rollback deployment appeared within ${formatDuration(grace)} (is there an earlier COMPLETED deployment?)`
      : 'rollback is off, so ECS leaves the service as it is';
    return {
      ...failed(
        ctx,
        'circuit-breaker',
        `deployment ${describeRef(ref)} failed: ${reason} (${noRollback})`,
      ),
      failedSince,
    };
  }

  const limit = config.failedTasksLimit ?? followerDefaults.failedTasksLimit;
  const failedTasks = ours.failedTasks ?? 0;
  if (
    limit > 0 &&
    !circuitBreakerEnabled(service) &&
    failedTasks >= limit &&
    (ours.runningCount ?? 0) === 0
  ) {
    const message =
      `deployment ${describeRef(ref)} has ${failedTasks} consecutive failed tasks and none running; ` +
      `the circuit breaker is off, so ECS would keep retrying`;
    return failed(ctx, 'tasks-failing', message);
  }
  return undefined;
}
