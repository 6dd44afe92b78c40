import type { AlarmObservation, DeploymentObservation } from './types.js';
import type { DeploymentRef, StoppedReasonGroup, TimelineEntry, Verdict } from './verdict.js';

/** Everything the follower remembers between observations. Treat as immutable. */
export interface FollowerState {
  /** Clock time the follower started; the timeout counts from here. */
  startedAt: number;
  /** Service label for messages (config label, else the service name). */
  label?: string;
  /** Our deployment once located. */
  deployment?: DeploymentRef;
  /** Our deployment as last seen. */
  lastOurs?: DeploymentObservation;
  /** ECS time (ms) from which service events are ours; undefined until located. */
  eventsSince?: number;
  seenEvents: ReadonlySet<string>;
  seenTasks: ReadonlySet<string>;
  /** Printed events, oldest first, capped at `lastEvents`. */
  recentEvents: readonly string[];
  stoppedGroups: readonly StoppedReasonGroup[];
  /** Latest line per failing target-health key (target group + reason). */
  targetProblems: ReadonlyMap<string, string>;
  /** Problems from service events (normalised text → how often). */
  problems: ReadonlyMap<string, number>;
  probeFailures: readonly string[];
  /** Health reasons (target, probe) already printed. */
  printedHealth: ReadonlySet<string>;
  /** ECS said our deployment failed (event text). */
  failureEvent?: string;
  /** ECS said it is rolling back to this deployment (event text). */
  rollingBackTo?: string;
  /** When our deployment was first seen FAILED while still PRIMARY. */
  failedSince?: number;
  /** Since when ECS (and target health) have reported healthy without a break. */
  ecsHealthySince?: number;
  /** Since when the probe has failed without a pass in between (while ECS healthy). */
  probeFailingSince?: number;
  probeFailCount: number;
  /** Since when every condition has held. */
  healthySince?: number;
  /** The PRIMARY deployment's id as last seen. */
  primaryId?: string;
  /** The deployment alarms' state as last read (DescribeAlarms). */
  alarms?: readonly AlarmObservation[];
  /** The alarms the service's deploymentConfiguration names (enabled), as last seen. */
  watchedAlarms: readonly string[];
  /** Our service deployment's lifecycle stage as last read, and when it was first seen. */
  stage?: { name: string; since: number };
  /** What the last observation was still waiting for. */
  waitingFor: readonly string[];
  /** Digest of the last observation's meaningful parts, to detect change. */
  fingerprint: string;
  timeline: readonly TimelineEntry[];
  verdict: Verdict;
  /** Last progress line. */
  progress: string;
  observations: number;
}

/** The follower before its first observation. */
export function initialState(startedAt: number): FollowerState {
  return {
    startedAt,
    seenEvents: new Set(),
    seenTasks: new Set(),
    recentEvents: [],
    stoppedGroups: [],
    targetProblems: new Map(),
    problems: new Map(),
    probeFailures: [],
    printedHealth: new Set(),
    probeFailCount: 0,
    watchedAlarms: [],
    waitingFor: [],
    fingerprint: '',
    timeline: [{ at: startedAt, text: 'started following' }],
    verdict: { kind: 'in-progress' },
    progress: '',
    observations: 0,
  };
}

/** True when the state wants an HTTP probe result with the next observation. */
export function wantsProbe(state: FollowerState): boolean {
  return state.ecsHealthySince !== undefined && state.verdict.kind === 'in-progress';
}
