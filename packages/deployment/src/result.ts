// How a wait ends: the timed-out verdict, the reasons left when there is no verdict, and the
// result the action reports.
import type { ResolvedDriverConfig } from './config.js';
import { alarmStates } from './alarms.js';
import { formatProblem } from './event-problems.js';
import { describeRef, formatDuration } from './format.js';
import type { FollowerState } from './state.js';
import {
  emptyReasons,
  isTerminal,
  type DeploymentRef,
  type Reasons,
  type RollbackConfirmation,
  type TerminalVerdict,
  type TimelineEntry,
} from './verdict.js';

/** Reasons accumulated so far, for outcomes that end without a verdict (cancelled, error). */
export function currentReasons(state: FollowerState): Reasons {
  if (isTerminal(state.verdict) && 'reasons' in state.verdict) return state.verdict.reasons;
  const reasons: Reasons = {
    ...emptyReasons(),
    stoppedTasks: [...state.stoppedGroups],
    events: [...state.recentEvents],
    targetHealth: [...state.targetProblems.values()],
    problems: [...state.problems].map(([text, n]) => formatProblem(text, n)),
    probe: [...state.probeFailures],
    waitingFor: [...state.waitingFor],
  };
  if (state.watchedAlarms.length > 0)
    reasons.alarms = alarmStates(state.watchedAlarms, state.alarms);
  const why = state.lastOurs?.rolloutStateReason;
  if (why !== undefined && state.lastOurs?.rolloutState === 'FAILED')
    reasons.rolloutStateReason = why;
  return reasons;
}

/**
 * The timed-out verdict, built here only. `reasons.waitingFor` is what the wait still needed;
 * `note` (in parentheses at the end) says why the deadline passed without a fresh observation.
 */
export function timedOut(
  elapsed: number,
  deployment: DeploymentRef | undefined,
  reasons: Reasons,
  note?: string,
): TerminalVerdict {
  const target =
    deployment === undefined ? 'the deployment' : `deployment ${describeRef(deployment)}`;
  const waiting =
    reasons.waitingFor.length === 0 ? '' : `; still waiting for ${reasons.waitingFor.join('; ')}`;
  const extra = note === undefined ? '' : ` (${note})`;
  const message = `timed out after ${formatDuration(elapsed)} following ${target}${waiting}${extra}`;
  const verdict: TerminalVerdict = { kind: 'timed-out', message, reasons };
  if (deployment !== undefined) verdict.deployment = deployment;
  return verdict;
}

/**
 * A timed-out verdict from the state alone, for when the deadline passes without a fresh
 * observation (the source kept failing with retryable errors).
 */
export function expire(state: FollowerState, at: number, note?: string): TerminalVerdict {
  return timedOut(at - state.startedAt, state.deployment, currentReasons(state), note);
}

/** How the wait ended: a verdict, or no verdict (cancelled, or a source error). */
export type Outcome = TerminalVerdict['kind'] | 'cancelled' | 'error';

/** Why `follow` stopped, as the loop sees it. */
export type Ending =
  | { kind: 'verdict'; verdict: TerminalVerdict }
  | { kind: 'cancelled' }
  | { kind: 'error'; code: string; message: string; retryable: boolean; cause?: unknown };

/** Everything the action needs to report the wait: outputs, the last line, the job summary. */
export interface FollowResult {
  outcome: Outcome;
  /** The verdict, for outcomes that have one. */
  verdict?: TerminalVerdict;
  /** The source error, for `error` (retryable = the retry budget ran out); `cause` is what was thrown. */
  error?: { code: string; message: string; retryable: boolean; cause?: unknown };
  /** Service label used in progress lines. */
  label: string;
  deployment?: DeploymentRef;
  startedAt: number;
  endedAt: number;
  /** Polls made (each one DescribeServices call). */
  polls: number;
  timeline: TimelineEntry[];
  reasons: Reasons;
  /** One line that says how it ended; print it last. */
  message: string;
  /**
   * For `rolled-back` with wait-for-rollback: how ECS's rollback deployment ended and what it
   * runs. The outcome stays `rolled-back`.
   */
  rollback?: RollbackConfirmation;
}

/** True only for `healthy`; `scaled-to-zero` does not fail the step but is no proof of health. */
export function succeeded(result: FollowResult): boolean {
  return result.outcome === 'healthy';
}

/** Builds the result once the loop stops. */
export function finish(
  state: FollowerState,
  ending: Ending,
  config: ResolvedDriverConfig,
  now: number,
  polls: number,
): FollowResult {
  const label = config.label ?? state.label ?? 'service';
  const elapsed = formatDuration(now - state.startedAt);
  const timeline = [...state.timeline];
  const base = { label, startedAt: state.startedAt, endedAt: now, polls, timeline };
  const withDeployment = <T extends object>(r: T): T & { deployment?: DeploymentRef } =>
    state.deployment === undefined ? r : { ...r, deployment: state.deployment };
  if (ending.kind === 'verdict') {
    const v = ending.verdict;
    const reasons = 'reasons' in v ? v.reasons : currentReasons(state);
    if (timeline.at(-1)?.text !== `verdict: ${v.kind}`)
      timeline.push({ at: now, text: `verdict: ${v.kind}` });
    const message = `${label}: ${v.kind} after ${elapsed} — ${v.message}`;
    return withDeployment({ ...base, outcome: v.kind, verdict: v, reasons, message });
  }
  const reasons = currentReasons(state);
  const where =
    state.deployment === undefined
      ? ''
      : ` following deployment ${describeRef(state.deployment)} (${state.lastOurs?.rolloutState ?? state.lastOurs?.status ?? 'not seen'})`;
  if (ending.kind === 'cancelled') {
    timeline.push({ at: now, text: 'cancelled' });
    const message = `${label}: cancelled after ${elapsed}${where}; the deployment itself continues in ECS`;
    return withDeployment({ ...base, outcome: 'cancelled' as const, reasons, message });
  }
  const error = {
    code: ending.code,
    message: ending.message,
    retryable: ending.retryable,
    cause: ending.cause,
  };
  timeline.push({ at: now, text: `error: ${ending.code}` });
  const message = `${label}: stopped after ${elapsed}${where}: ${ending.code}: ${ending.message}`;
  return withDeployment({ ...base, outcome: 'error' as const, error, reasons, message });
}
