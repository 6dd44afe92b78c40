import { alarmStates, watchedAlarms } from './alarms.js';
import { followerDefaults, type FollowerConfig } from './config.js';
import { findDeployment, primaryDeployment } from './deployments.js';
import { epochMs } from './format.js';
import { formatProblem } from './event-problems.js';
import { ingest, type News } from './ingest.js';
import { judge, locate } from './judge.js';
import { progressLine } from './progress.js';
import { stageLine } from './stages.js';
import { timedOut } from './result.js';
import type { FollowerState } from './state.js';
import { formatStoppedGroup } from './stopped-tasks.js';
import { fingerprint, timelineRows } from './timeline.js';
import type { Observation, ServiceObservation } from './types.js';
import { isTerminal, type Reasons, type Verdict } from './verdict.js';

/** What one observation changed, and what to print for it. */
export interface StepResult {
  state: FollowerState;
  verdict: Verdict;
  /** Service events not printed before, oldest first. */
  newEvents: string[];
  /** One line per newly stopped, failed task of our deployment. */
  newStoppedReasons: string[];
  /** Target-health and probe failures not printed before. */
  newHealthReasons: string[];
  /** True when anything meaningful differs from the previous observation. */
  progressChanged: boolean;
  /** The current progress line. */
  progress: string;
  /** Told when our service deployment entered a new lifecycle stage (native strategies). */
  stageLine?: string;
}

// Nothing about our deployment happens at the instant it is created (UpdateService emits no
// event), while the previous deployment's "completed" may share that instant in a simulator.
function afterCreation(createdAt: Date | undefined): number | undefined {
  const ms = epochMs(createdAt);
  return ms === undefined ? undefined : ms + 1;
}

function earliestDeployment(service: ServiceObservation): number | undefined {
  const times = (service.deployments ?? []).flatMap((d) => epochMs(d.createdAt) ?? []);
  return times.length === 0 ? undefined : Math.min(...times);
}

const routineReason = /^ECS deployment ecs-svc\/\d+ (in progress|completed)\.$/;

function reasonsFrom(news: News, rolloutStateReason: string | undefined): Reasons {
  const failed = /deployment failed: (.+)$/.exec(news.failureEvent ?? '');
  const reasons: Reasons = {
    stoppedTasks: [...news.stoppedGroups],
    events: [...news.recentEvents],
    targetHealth: [...news.targetProblems.values()],
    problems: [...news.problems].map(([text, n]) => formatProblem(text, n)),
    probe: [...news.probeFailures],
    waitingFor: [],
  };
  // The routine "in progress."/"completed." texts explain nothing; keep the breaker's and alarms'.
  if (rolloutStateReason !== undefined && !routineReason.test(rolloutStateReason)) {
    reasons.rolloutStateReason = rolloutStateReason;
  } else if (failed !== null) {
    reasons.rolloutStateReason = `deployment failed: ${failed[1] ?? ''}`;
  }
  return reasons;
}

/** The follower: folds one observation into the state and says where the deployment stands. */
export function step(state: FollowerState, obs: Observation, config: FollowerConfig): StepResult {
  if (isTerminal(state.verdict)) {
    const verdict = state.verdict;
    return {
      state,
      verdict,
      newEvents: [],
      newStoppedReasons: [],
      newHealthReasons: [],
      progressChanged: false,
      progress: state.progress,
    };
  }
  const service = obs.service;
  const ref = service === undefined ? state.deployment : locate(state, service, config);
  const ours =
    ref === undefined || service === undefined ? undefined : findDeployment(service, ref.id);
  const eventsSince =
    state.eventsSince ??
    (ref === undefined || service === undefined
      ? undefined
      : (config.eventsSince ?? afterCreation(ours?.createdAt) ?? earliestDeployment(service)));
  const news = ingest(
    state,
    obs,
    ref,
    eventsSince,
    config.lastEvents ?? followerDefaults.lastEvents,
  );
  const reasons = reasonsFrom(news, ours?.rolloutStateReason ?? state.lastOurs?.rolloutStateReason);
  const watched = service === undefined ? state.watchedAlarms : watchedAlarms(service);
  const alarms = obs.alarms ?? state.alarms;
  if (watched.length > 0) reasons.alarms = alarmStates(watched, alarms);
  const ruling = judge(state, news, obs, config, reasons);

  let verdict = ruling.verdict;
  if (verdict.kind === 'in-progress' && obs.at - state.startedAt >= config.timeout) {
    reasons.waitingFor = ruling.waitingFor;
    verdict = timedOut(obs.at - state.startedAt, ruling.deployment, reasons);
  }

  const label = config.label ?? service?.serviceName ?? 'service';
  const progress = progressLine(label, obs, ours, ref?.id);
  const print = fingerprint(obs, ruling);
  const read = obs.lifecycleStage;
  const entered = read !== undefined && read !== state.stage?.name;
  const stage = entered ? { name: read, since: obs.at } : state.stage;
  const next: FollowerState = {
    ...state,
    ...news,
    label,
    deployment: ruling.deployment ?? state.deployment,
    lastOurs: ours ?? state.lastOurs,
    watchedAlarms: watched,
    ...(alarms === undefined ? {} : { alarms }),
    eventsSince: ref === undefined ? state.eventsSince : eventsSince,
    failedSince: ruling.failedSince ?? state.failedSince,
    ecsHealthySince: ruling.health?.ecsHealthySince,
    probeFailingSince: ruling.health?.probeFailingSince,
    probeFailCount: ruling.health?.probeFailCount ?? 0,
    healthySince: ruling.health?.healthySince,
    primaryId:
      (service === undefined ? undefined : primaryDeployment(service)?.id) ?? state.primaryId,
    waitingFor: ruling.waitingFor,
    ...(stage === undefined ? {} : { stage }),
    fingerprint: print,
    timeline: [...state.timeline, ...timelineRows(state, ruling, obs, verdict)],
    verdict,
    progress,
    observations: state.observations + 1,
  };
  const newLines =
    news.newEvents.length + news.newStoppedReasons.length + news.newHealthReasons.length;
  return {
    state: next,
    verdict,
    newEvents: news.newEvents,
    newStoppedReasons: news.newStoppedReasons,
    newHealthReasons: news.newHealthReasons,
    progressChanged: print !== state.fingerprint || newLines > 0 || isTerminal(verdict),
    progress,
    ...(entered
      ? {
          stageLine: stageLine(
            label,
            service?.deploymentConfiguration,
            read,
            stage?.since ?? obs.at,
            obs.at,
          ),
        }
      : {}),
  };
}

/** Reason lines of a verdict's reasons, for logs and summaries. */
export function reasonLines(reasons: Reasons): string[] {
  return [
    ...(reasons.rolloutStateReason === undefined ? [] : [reasons.rolloutStateReason]),
    ...reasons.stoppedTasks.map(formatStoppedGroup),
    ...reasons.targetHealth,
    ...reasons.problems,
    ...reasons.probe,
  ];
}
