import { describe, expect, it } from '@jest/globals';
import {
  breakerConfig,
  breakerThreshold,
  countFailure,
  countHealthy,
  shouldTrip,
} from '../src/engine/circuit-breaker.js';
import { startBackoffSeconds } from '../src/engine/failures.js';

describe('circuit breaker threshold: min(200, max(3, ceil(50 % × D)))', () => {
  const cfg = breakerConfig({ deploymentCircuitBreaker: { enable: true, rollback: true } });
  const table: [number, number][] = [
    [1, 3],
    [2, 3],
    [4, 3],
    [6, 3],
    [7, 4],
    [10, 5],
    [25, 13],
    [399, 200],
    [400, 200],
    [1000, 200],
  ];
  it.each(table)('D=%i → %i', (d, threshold) => {
    expect(breakerThreshold(d, cfg)).toBe(threshold);
  });

  it('UNBOUNDED_PERCENT and COUNT', () => {
    const unbounded = breakerConfig({
      deploymentCircuitBreaker: {
        enable: true,
        rollback: true,
        thresholdConfiguration: { type: 'UNBOUNDED_PERCENT', value: 50 },
      },
    });
    expect(breakerThreshold(2, unbounded)).toBe(1);
    expect(breakerThreshold(1000, unbounded)).toBe(500);
    const count = breakerConfig({
      deploymentCircuitBreaker: {
        enable: true,
        rollback: false,
        thresholdConfiguration: { type: 'COUNT', value: 7 },
      },
    });
    expect(breakerThreshold(100, count)).toBe(7);
  });
});

describe('failure counting', () => {
  it('resets on a healthy task by default, accumulates with resetOnHealthyTask false', () => {
    const consecutive = breakerConfig({
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    const cumulative = breakerConfig({
      deploymentCircuitBreaker: { enable: true, rollback: true, resetOnHealthyTask: false },
    });
    expect(countHealthy(countFailure(countFailure(0)), consecutive)).toBe(0);
    expect(countHealthy(countFailure(countFailure(0)), cumulative)).toBe(2);
  });

  it('trips only when enabled and at the threshold', () => {
    const on = breakerConfig({ deploymentCircuitBreaker: { enable: true, rollback: false } });
    const off = breakerConfig({});
    expect(off).toMatchObject({
      enable: false,
      rollback: false,
      resetOnHealthyTask: true,
      thresholdType: 'BOUNDED_PERCENT',
      thresholdValue: 50,
    });
    expect(shouldTrip(on, 2, 4)).toBe(false);
    expect(shouldTrip(on, 3, 4)).toBe(true);
    expect(shouldTrip(off, 100, 4)).toBe(false);
  });

  it('spaces out launches after repeated start failures, up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 20].map(startBackoffSeconds)).toEqual([0, 0, 10, 20, 40, 900]);
  });
});
