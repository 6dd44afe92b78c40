import { followerDefaults, type FollowerConfig } from './config.js';
import {
  circuitBreakerEnabled,
  findDeployment,
  primaryDeployment,
  refOf,
  rollbackEnabled,
  rollbackTargetIn,
} from './deployments.js';
import { describeRef, formatDuration } from './format.js';
import { alarmClause, failed, rolledBack, type FailureRuling } from './failure-verdicts.js';
import type { News } from './ingest.js';
import type { FollowerState } from './state.js';
import { supersededMessage, supersession, wasRolledBack } from './superseded.js';
import type { DeploymentObservation, Observation, ServiceObservation } from './types.js';
import type { DeploymentRef, Reasons } from './verdict.js';

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
      // Tasks launched under our id prove it existed; no longer listed, it is over: say how at once.
      const over = supersession(ref, service, obs.history, obs.stoppedTasks);
      if (over !== undefined) {
        if (wasRolledBack(over)) return rolledBack(ctx, other, undefined);
        const by =
          over.byDeployment === undefined
            ? undefined
            : findDeployment(service, over.byDeployment.id);
        return failed(ctx, 'superseded', supersededMessage(ref, over), by);
      }
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
        `another deploy to this service started while this one was in progress and superseded it`;
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
    const alarm = alarmClause(ctx);
    const noRollback = rollbackEnabled(service)
      ? `no rollback deployment appeared within ${formatDuration(grace)} (is there an earlier COMPLETED deployment?)`
      : 'rollback is off, so ECS leaves the service as it is';
    const because = alarm === undefined ? reason : `${reason.replace(/\.$/, '')} — ${alarm.text}`;
    return {
      ...failed(
        ctx,
        alarm?.blamed === true ? 'alarm' : 'circuit-breaker',
        `deployment ${describeRef(ref)} failed: ${because} (${noRollback})`,
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
