// Poll pacing: an adaptive interval inside a token bucket. The bucket holds `burst` tokens and
// refills at (callsPerMinute − burst) per minute, so any 60 s window sees at most
// burst + (callsPerMinute − burst) = callsPerMinute calls — a hard bound, not an average —
// while a quiet period lets the next burst of changes be followed at full speed.

/** Pacing settings (all ms except counts). */
export interface PaceConfig {
  minInterval: number;
  maxInterval: number;
  backoffFactor: number;
  callsPerMinute: number;
  burst: number;
}

/** Pacer state; treat as immutable. */
export interface Pace {
  /** The interval the adaptive rule currently asks for. */
  interval: number;
  tokens: number;
  /** When `tokens` was last brought up to date. */
  updatedAt: number;
}

const minute = 60_000;

function ratePerMs(cfg: PaceConfig): number {
  return (cfg.callsPerMinute - cfg.burst) / minute;
}

function refill(pace: Pace, now: number, cfg: PaceConfig): Pace {
  const tokens = Math.min(cfg.burst, pace.tokens + (now - pace.updatedAt) * ratePerMs(cfg));
  return { ...pace, tokens, updatedAt: Math.max(now, pace.updatedAt) };
}

/** A full bucket and the fastest interval. */
export function initialPace(cfg: PaceConfig, now: number): Pace {
  return { interval: cfg.minInterval, tokens: cfg.burst, updatedAt: now };
}

/** Earliest time at or after `now` when a call fits the budget. */
export function budgetAllows(pace: Pace, now: number, cfg: PaceConfig): number {
  const p = refill(pace, now, cfg);
  // Round up to a whole ms so that waiting exactly this long always yields a full token.
  return p.tokens >= 1 ? now : now + Math.ceil((1 - p.tokens) / ratePerMs(cfg));
}

/** Spends one token for a call made at `now` (call only when `budgetAllows` says so). */
export function spend(pace: Pace, now: number, cfg: PaceConfig): Pace {
  const p = refill(pace, now, cfg);
  // Float error could leave 0.9999…; never let the deficit carry into the next window.
  return { ...p, tokens: Math.max(0, p.tokens - 1) };
}

/** Fast while observations change, growing by `backoffFactor` per unchanged poll up to the max. */
export function adapt(pace: Pace, changed: boolean, cfg: PaceConfig): Pace {
  const interval = changed
    ? cfg.minInterval
    : Math.min(cfg.maxInterval, pace.interval * cfg.backoffFactor);
  return { ...pace, interval };
}

/** When the next call should start: one interval after the last call started, within budget. */
export function nextCallAt(pace: Pace, lastCallAt: number, now: number, cfg: PaceConfig): number {
  const due = Math.max(now, lastCallAt + pace.interval);
  return budgetAllows(pace, due, cfg);
}

/**
 * Backoff after `consecutive` (≥ 1) failed polls: min interval doubling, capped at maxInterval.
 * The cap is low on purpose: the token bucket already bounds our share of ECS's bucket, and a
 * longer blind spot would hide a rollback for as long.
 */
export function errorBackoff(consecutive: number, cfg: PaceConfig): number {
  return Math.min(cfg.maxInterval, cfg.minInterval * 2 ** Math.max(0, consecutive - 1));
}
