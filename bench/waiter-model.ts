// A model of waitUntilServicesStable's poll schedule (docs/aws-behaviour.md#the-services-stable-waiter), to say
// what its detection latency is after rollouts longer than the bench can afford to run: the
// first poll is immediate; before poll k ≥ 1 it waits a uniform random time in
// [minDelay, min(maxDelay, minDelay · 2^(k−1))] (installed SDK: minDelay 15 s as the official
// action sets it, maxDelay 600 s). Latency = first poll at or after the terminal moment − it.
import { summarize, type Summary } from './stats.js';

export interface WaiterModelRow {
  readonly rolloutSeconds: number;
  readonly latencySeconds: Summary | undefined;
}

/** Poll times (s) of one random schedule, up to `until`. */
export function pollTimes(
  until: number,
  minDelay: number,
  maxDelay: number,
  random: () => number = Math.random,
): number[] {
  const times = [0];
  for (let k = 1, t = 0; t < until; k++) {
    const cap = Math.min(maxDelay, minDelay * 2 ** (k - 1));
    t += minDelay + (cap - minDelay) * random();
    times.push(t);
  }
  return times;
}

/** Latency after rollouts of the given lengths, over `samples` random schedules each. */
export function waiterModel(
  rolloutSeconds: readonly number[],
  samples = 5000,
  minDelay = 15,
  maxDelay = 600,
): WaiterModelRow[] {
  return rolloutSeconds.map((d) => {
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const first = pollTimes(d, minDelay, maxDelay).find((t) => t >= d) ?? d;
      latencies.push(first - d);
    }
    return { rolloutSeconds: d, latencySeconds: summarize(latencies) };
  });
}
