import { resolveDriverConfig, type DriverConfig, type ResolvedDriverConfig } from './config.js';
import { aborted, tryObserve } from './attempt.js';
import { formatDuration } from './format.js';
import { freshMemory, type ObserverMemory } from './observe.js';
import { expire } from './result.js';
import {
  adapt,
  budgetAllows,
  errorBackoff,
  initialPace,
  nextCallAt,
  spend,
  type Pace,
} from './pacing.js';
import { finish, type FollowResult, type Ending } from './result.js';
import type { Clock, DeploymentSource, FollowLog } from './source.js';
import { initialState, type FollowerState } from './state.js';
import { step, type StepResult } from './step.js';

function print(out: StepResult, log: FollowLog): void {
  if (out.stageLine !== undefined) log.info(out.stageLine);
  for (const line of out.newEvents) log.info(line);
  for (const line of out.newStoppedReasons) log.warning(line);
  for (const line of out.newHealthReasons) log.warning(line);
}

/** The driver's loop state. */
interface Loop {
  state: FollowerState;
  pace: Pace;
  memory: ObserverMemory;
  calls: number;
  lastCallAt: number;
  lastProgressAt: number;
  errorsSince?: number;
  consecutiveErrors: number;
  /** When a poll last succeeded. */
  lastObservedAt?: number;
}

/**
 * Why the wait ends while polls fail: how long they have failed, what was last seen and when,
 * and how to look by hand. ECS keeps deploying meanwhile, so the last answer may be stale.
 */
function failingNote(
  loop: Loop,
  failure: { code: string; message: string },
  now: number,
  cfg: ResolvedDriverConfig,
): string {
  const failing = `the last ${loop.consecutiveErrors} polls failed (${failure.code}: ${failure.message})`;
  const seen =
    loop.lastObservedAt === undefined || loop.state.progress === ''
      ? 'no poll succeeded, so the deployment was never seen'
      : `last seen ${formatDuration(now - loop.lastObservedAt)} before: ${loop.state.progress}`;
  const check = cfg.checkHint === undefined ? '' : `; ${cfg.checkHint}`;
  return `${failing}; ${seen}${check}`;
}

/**
 * Follows one deployment to a verdict: polls `source`, folds each observation through `step`,
 * prints news once, and paces itself (see pacing.ts). Never throws for AWS trouble or
 * cancellation: the outcome says what happened; print `result.message` as the last line.
 */
export async function follow(
  source: DeploymentSource,
  config: DriverConfig,
  clock: Clock,
  log: FollowLog,
  signal?: AbortSignal,
): Promise<FollowResult> {
  const cfg: ResolvedDriverConfig = resolveDriverConfig(config);
  const start = clock.now();
  const deadline = start + cfg.timeout;
  const loop: Loop = {
    state: initialState(start),
    pace: initialPace(cfg, start),
    memory: freshMemory,
    calls: 0,
    lastCallAt: start,
    lastProgressAt: Number.NEGATIVE_INFINITY,
    consecutiveErrors: 0,
  };
  const end = (ending: Ending): FollowResult =>
    finish(loop.state, ending, cfg, clock.now(), loop.calls);
  if (cfg.probe !== undefined && source.probe === undefined) {
    return end({
      kind: 'error',
      code: 'Misconfigured',
      retryable: false,
      message: 'a probe is configured but the source has no probe()',
    });
  }

  for (;;) {
    if (aborted(signal)) return end({ kind: 'cancelled' });
    const callAt = clock.now();
    if (callAt >= deadline && budgetAllows(loop.pace, callAt, cfg) > callAt) {
      return end({
        kind: 'verdict',
        verdict: expire(loop.state, callAt, 'no call budget left for a last poll'),
      });
    }
    loop.pace = spend(loop.pace, callAt, cfg);
    loop.lastCallAt = callAt;
    loop.calls += 1;
    const attempt = await tryObserve(source, loop.state, loop.memory, cfg, clock, signal);
    if (attempt.kind === 'cancelled') return end({ kind: 'cancelled' });
    let delay: number;
    if (attempt.kind === 'observed') {
      loop.memory = attempt.memory;
      loop.consecutiveErrors = 0;
      loop.errorsSince = undefined;
      loop.lastObservedAt = attempt.obs.at;
      const out = step(loop.state, attempt.obs, cfg);
      loop.state = out.state;
      print(out, log);
      const now = clock.now();
      if (out.progressChanged || now - loop.lastProgressAt >= cfg.heartbeat) {
        log.info(out.progress);
        loop.lastProgressAt = now;
      }
      if (out.verdict.kind !== 'in-progress') return end({ kind: 'verdict', verdict: out.verdict });
      loop.pace = adapt(loop.pace, out.progressChanged, cfg);
      delay = nextCallAt(loop.pace, loop.lastCallAt, now, cfg) - now;
    } else {
      const failure = attempt.failure;
      if (!failure.retryable) return end({ kind: 'error', ...failure });
      const now = clock.now();
      loop.consecutiveErrors += 1;
      loop.errorsSince ??= callAt;
      // Retried quietly: a throttled poll is routine and says nothing about the deployment.
      log.debug(`poll ${loop.calls} failed (${failure.code}: ${failure.message}); retrying`);
      // Only an explicit errorBudget ends the wait early; by default throttling and 5xx slow the
      // polling (errorBackoff) and the wait still ends at `timeout`, not before.
      if (now - loop.errorsSince >= cfg.errorBudget) {
        const spent = `for ${Math.round((now - loop.errorsSince) / 1000)} s`;
        return end({
          kind: 'error',
          ...failure,
          message: `${failure.message} (kept failing ${spent}, ${loop.consecutiveErrors} attempts; ${failingNote(loop, failure, now, cfg)})`,
        });
      }
      if (now >= deadline) {
        const verdict = expire(loop.state, now, failingNote(loop, failure, now, cfg));
        return end({ kind: 'verdict', verdict });
      }
      const earliest = Math.max(loop.lastCallAt + errorBackoff(loop.consecutiveErrors, cfg), now);
      delay = nextCallAt({ ...loop.pace, interval: 0 }, earliest, earliest, cfg) - now;
    }
    // Never sleep past the deadline: the poll made there is the one that says "timed out".
    const wake = Math.min(clock.now() + delay, Math.max(deadline, clock.now()));
    try {
      await clock.sleep(Math.max(0, wake - clock.now()), signal);
    } catch (err) {
      if (aborted(signal)) return end({ kind: 'cancelled' });
      throw err;
    }
  }
}
