import type { ResolvedDriverConfig } from './config.js';
import { describeRef, formatDuration } from './format.js';
import { currentReasons } from './outcome.js';
import type { FollowerState } from './state.js';
import type { DeploymentRef, Reasons, TerminalVerdict, TimelineEntry } from './verdict.js';

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
