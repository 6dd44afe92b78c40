// A clock that jumps instead of waiting, a source that replays a recorded sequence at the
// driver's own pace, and a log that remembers what was printed and when.
import type {
  Clock,
  DeploymentSource,
  FollowLog,
  Observation,
  ProbeResult,
  ServiceLookup,
  SourceError,
  StoppedTasksQuery,
  TargetGroupHealth,
  TaskObservation,
} from '../src/index.js';

/** Sleeping advances time at once; `onSleep` lets a test act at a given moment. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  onSleep?: (now: number) => void;
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
    this.onSleep?.(this.t);
    if (signal?.aborted === true) return Promise.reject(new Error('The operation was aborted'));
    return Promise.resolve();
  }
}

/** Every line printed, with its level and clock time. */
export class FakeLog implements FollowLog {
  readonly lines: { level: 'info' | 'warning' | 'debug'; line: string; at: number }[] = [];
  constructor(private readonly clock: Clock) {}
  info(line: string): void {
    this.lines.push({ level: 'info', line, at: this.clock.now() });
  }
  warning(line: string): void {
    this.lines.push({ level: 'warning', line, at: this.clock.now() });
  }
  debug(line: string): void {
    this.lines.push({ level: 'debug', line, at: this.clock.now() });
  }
  /** Lines a user sees (info + warning). */
  visible(): string[] {
    return this.lines.filter((l) => l.level !== 'debug').map((l) => l.line);
  }
}

/** Fault injection: the error to throw for the n-th (1-based) DescribeServices call, if any. */
export type Faults = (call: number, at: number) => SourceError | undefined;

/** Replays recorded observations: each call sees the world as of the clock's current time. */
export class ReplaySource implements DeploymentSource {
  readonly calls: { op: string; at: number }[] = [];
  probe?: (signal?: AbortSignal) => Promise<ProbeResult>;

  constructor(
    private readonly observations: readonly Observation[],
    private readonly clock: Clock,
    private readonly faults: Faults = () => undefined,
    withProbe = false,
  ) {
    if (withProbe) {
      this.probe = (): Promise<ProbeResult> => {
        this.calls.push({ op: 'probe', at: this.clock.now() });
        return Promise.resolve(this.world().probe ?? { ok: true, status: 200 });
      };
    }
  }

  private world(): Observation {
    let current = this.observations[0];
    for (const o of this.observations) if (o.at <= this.clock.now()) current = o;
    if (current === undefined) throw new Error('empty recording');
    return current;
  }

  /** Times of DescribeServices calls. */
  describeTimes(): number[] {
    return this.calls.filter((c) => c.op === 'describeService').map((c) => c.at);
  }

  describeService(): Promise<ServiceLookup> {
    this.calls.push({ op: 'describeService', at: this.clock.now() });
    const fault = this.faults(this.describeTimes().length, this.clock.now());
    if (fault !== undefined) return Promise.reject(fault);
    const w = this.world();
    return Promise.resolve(
      w.service === undefined
        ? { missing: w.missing ?? { reason: 'MISSING' } }
        : { service: w.service },
    );
  }

  describeStoppedTasks(query: StoppedTasksQuery): Promise<readonly TaskObservation[]> {
    this.calls.push({ op: `describeStoppedTasks ${query.deploymentId}`, at: this.clock.now() });
    return Promise.resolve(this.world().stoppedTasks ?? []);
  }

  targetHealth(arns: readonly string[]): Promise<readonly TargetGroupHealth[]> {
    this.calls.push({ op: `targetHealth ${arns.join(',')}`, at: this.clock.now() });
    return Promise.resolve(this.world().targetHealth ?? []);
  }
}

/** The most calls made in any 60 s window. */
export function maxPerMinute(times: readonly number[]): number {
  let max = 0;
  for (const start of times) {
    const n = times.filter((t) => t >= start && t < start + 60_000).length;
    max = Math.max(max, n);
  }
  return max;
}
