import { formatProblem } from './event-problems.js';
import { describeRef, formatDuration } from './format.js';
import type { FollowerState } from './state.js';
import { emptyReasons, isTerminal, type Reasons, type TerminalVerdict } from './verdict.js';

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
  const why = state.lastOurs?.rolloutStateReason;
  if (why !== undefined && state.lastOurs?.rolloutState === 'FAILED')
    reasons.rolloutStateReason = why;
  return reasons;
}

/**
 * A timed-out verdict from the state alone, for when the deadline passes without a fresh
 * observation (the source kept failing with retryable errors).
 */
export function expire(state: FollowerState, at: number, note?: string): TerminalVerdict {
  const reasons = currentReasons(state);
  const target =
    state.deployment === undefined
      ? 'the deployment'
      : `deployment ${describeRef(state.deployment)}`;
  const waiting =
    reasons.waitingFor.length === 0 ? '' : `; still waiting for ${reasons.waitingFor.join('; ')}`;
  const extra = note === undefined ? '' : ` (${note})`;
  const message = `timed out after ${formatDuration(at - state.startedAt)} following ${target}${waiting}${extra}`;
  const verdict: TerminalVerdict = { kind: 'timed-out', message, reasons };
  if (state.deployment !== undefined) verdict.deployment = state.deployment;
  return verdict;
}
