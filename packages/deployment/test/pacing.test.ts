import { describe, expect, it } from '@jest/globals';
import { resolveDriverConfig } from '../src/config.js';
import {
  adapt,
  budgetAllows,
  errorBackoff,
  initialPace,
  nextCallAt,
  spend,
  type Pace,
} from '../src/pacing.js';

const cfg = {
  minInterval: 1_000,
  maxInterval: 5_000,
  backoffFactor: 1.5,
  callsPerMinute: 40,
  burst: 5,
};

/** Calls as fast as the budget allows, starting at t0, for `ms`; returns the call times. */
function greedy(ms: number, c = cfg): number[] {
  let pace: Pace = initialPace(c, 0);
  const calls: number[] = [];
  let t = 0;
  while (t < ms) {
    t = budgetAllows(pace, t, c);
    pace = spend(pace, t, c);
    calls.push(t);
  }
  return calls;
}

describe('pacing', () => {
  it('allows the burst at once, then one call per 60/(callsPerMinute − burst) s', () => {
    const calls = greedy(10 * 60_000);
    expect(calls.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect((calls[6] ?? 0) - (calls[5] ?? 0)).toBeGreaterThanOrEqual(Math.floor(60_000 / 35));
    expect((calls[6] ?? 0) - (calls[5] ?? 0)).toBeLessThanOrEqual(Math.ceil(60_000 / 35) + 1);
  });

  it.each([
    [40, 5],
    [40, 1],
    [12, 2],
    [100, 50],
  ])(
    'never lets more than callsPerMinute=%i (burst %i) into any 60 s window',
    (callsPerMinute, burst) => {
      const c = { ...cfg, callsPerMinute, burst };
      const calls = greedy(15 * 60_000, c);
      for (const start of calls) {
        expect(calls.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(
          callsPerMinute,
        );
      }
    },
  );

  it('refills while idle but never above the burst', () => {
    let pace = initialPace(cfg, 0);
    for (let i = 0; i < 5; i++) pace = spend(pace, 0, cfg);
    expect(budgetAllows(pace, 0, cfg)).toBeGreaterThan(0);
    expect(budgetAllows(pace, 3_600_000, cfg)).toBe(3_600_000);
    pace = spend(pace, 3_600_000, cfg);
    expect(pace.tokens).toBeCloseTo(4, 6);
  });

  it('adapts: min interval on change, ×backoffFactor up to max otherwise', () => {
    let pace = initialPace(cfg, 0);
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      pace = adapt(pace, false, cfg);
      seen.push(pace.interval);
    }
    expect(seen).toEqual([1_500, 2_250, 3_375, 5_000, 5_000, 5_000]);
    expect(adapt(pace, true, cfg).interval).toBe(1_000);
  });

  it('schedules the next call one interval after the last one started, within budget', () => {
    const pace = { interval: 2_000, tokens: 3, updatedAt: 0 };
    expect(nextCallAt(pace, 10_000, 10_400, cfg)).toBe(12_000);
    expect(nextCallAt(pace, 10_000, 13_000, cfg)).toBe(13_000);
    const empty = { interval: 1_000, tokens: 0, updatedAt: 10_000 };
    expect(nextCallAt(empty, 10_000, 10_000, cfg)).toBe(10_000 + Math.ceil(60_000 / 35));
  });

  it('backs off errors from minInterval, doubling, capped at maxInterval', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => errorBackoff(n, cfg))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000, 5_000, 5_000,
    ]);
  });

  it('rejects settings that cannot work', () => {
    expect(() => resolveDriverConfig({ timeout: 0 })).toThrow(/timeout/);
    expect(() =>
      resolveDriverConfig({ timeout: 1, minInterval: 5_000, maxInterval: 1_000 }),
    ).toThrow(/minInterval/);
    expect(() => resolveDriverConfig({ timeout: 1, burst: 40 })).toThrow(/burst/);
    expect(resolveDriverConfig({ timeout: 1 })).toMatchObject({
      minInterval: 1_000,
      maxInterval: 5_000,
      callsPerMinute: 40,
      burst: 5,
      heartbeat: 30_000,
    });
  });
});
