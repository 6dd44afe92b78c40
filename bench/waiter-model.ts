// A model of waitUntilServicesStable's poll schedule (docs/aws-behaviour.md#the-services-stable-waiter), to say
// what its detection latency is after rollouts longer than the bench can afford to run: the
// first poll is immediate; before poll k ≥ 1 it waits a uniform random time in
// [minDelay, min(maxDelay, minDelay · 2^(k−1))] (installed SDK: minDelay 15 s as the official
// action sets it, maxDelay 600 s). Latency = first poll at or after the terminal moment − it;
// calls per minute = the DescribeServices calls it made until then (that poll included) per
// minute of its wait, the figure to set next to the follower's in the API-call table.
import { summarize, type Summary } from './stats.js';

export interface WaiterModelRow {
  readonly rolloutSeconds: number;
  readonly latencySeconds: Summary | undefined;
  /** DescribeServices calls per minute of the waiter's whole wait (it makes no other call). */
  readonly callsPerMinute: Summary | undefined;
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
    const rates: number[] = [];
    for (let i = 0; i < samples; i++) {
      const times = pollTimes(d, minDelay, maxDelay);
      const done = times.findIndex((t) => t >= d);
      const first = done < 0 ? d : (times[done] ?? d);
      latencies.push(first - d);
      if (first > 0) rates.push(((done < 0 ? times.length : done + 1) * 60) / first);
    }
    return {
      rolloutSeconds: d,
      latencySeconds: summarize(latencies),
      callsPerMinute: summarize(rates),
    };
  });
}
