import { describe, expect, it } from '@jest/globals';
import {
  follow,
  SourceError,
  type DeploymentObservation,
  type DriverConfig,
  type FollowResult,
  type Observation,
} from '../src/index.js';
import {
  NEW,
  OLD,
  Recorder,
  T0,
  baseService,
  deployment,
  history,
  td,
  type Scenario,
} from './fixtures/build.js';
import { failures } from './fixtures/failures.js';
import { rollouts } from './fixtures/rollouts.js';
import { FakeClock, FakeLog, ReplaySource, maxPerMinute, type Faults } from './fakes.js';

const byName = (name: string): Scenario => {
  const s = [...rollouts, ...failures].find((x) => x.name.startsWith(name));
  if (s === undefined) throw new Error(`no scenario ${name}`);
  return s;
};

interface Replayed {
  clock: FakeClock;
  log: FakeLog;
  source: ReplaySource;
  result: FollowResult;
}

async function replay(
  s: Scenario,
  faults?: Faults,
  config: Partial<DriverConfig> = {},
): Promise<Replayed> {
  const clock = new FakeClock(T0);
  const log = new FakeLog(clock);
  const source = new ReplaySource(s.observations, clock, faults, s.config.probe !== undefined);
  const result = await follow(source, { ...s.config, ...config }, clock, log);
  return { clock, log, source, result };
}

const inProgress = (running: number, pending = 0): DeploymentObservation[] => [
  deployment(NEW, 'PRIMARY', td(8), { desired: 2, running, pending }, { state: 'IN_PROGRESS' }),
  deployment(OLD, 'ACTIVE', td(7), { desired: 2, running: 2 }, { state: 'COMPLETED' }),
];

/** A world where a new event appears every second for `busyS`, then nothing until `doneS`. */
function busyThenQuiet(busyS: number, doneS: number): Observation[] {
  const r = history(new Recorder(baseService({ loadBalancers: [] })));
  for (let s = 0; s < busyS; s++) {
    r.say(s, `has started 1 tasks: (task ${s.toString(16).padStart(32, '0')}).`);
    r.poll(s, { deployments: inProgress(0, 1) });
  }
  r.poll(busyS, { deployments: inProgress(1) });
  r.say(doneS, `(deployment ${NEW}) deployment completed.`);
  r.poll(doneS, {
    deployments: [
      deployment(NEW, 'PRIMARY', td(8), { desired: 2, running: 2 }, { state: 'COMPLETED' }),
    ],
  });
  return r.observations;
}

const quiet = (name: string, observations: Observation[], timeout = 900_000): Scenario => ({
  name,
  config: { deploymentId: NEW, label: 'dev/api', timeout },
  observations,
  expected: { verdict: 'healthy', printedEvents: [] },
});

describe('follow: verdicts through the driver', () => {
  it.each([...rollouts, ...failures].map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const { result, source, log } = await replay(s);
    expect(result.outcome).toBe(s.expected.verdict);
    expect(maxPerMinute(source.describeTimes())).toBeLessThanOrEqual(40);
    // Each event printed exactly once, whatever the poll pace.
    const printed = log.visible().filter((l) => s.expected.printedEvents.includes(l));
    expect(printed).toEqual(s.expected.printedEvents);
  });

  it('reaches the verdict within a few seconds of the change', async () => {
    const s = byName('healthy rollout');
    const { result } = await replay(s);
    const doneAt = s.observations.at(-1)?.at ?? 0;
    expect(result.endedAt - doneAt).toBeLessThanOrEqual(5_000);
    const rb = await replay(byName('exits on start'));
    expect(
      rb.result.endedAt - (byName('exits on start').observations.at(-1)?.at ?? 0),
    ).toBeLessThanOrEqual(5_000);
  });
});

describe('follow: pacing', () => {
  it('polls fast while things change and backs off to maxInterval when they do not', async () => {
    const s = quiet('busy then quiet', busyThenQuiet(20, 300));
    const { source, result } = await replay(s);
    expect(result.outcome).toBe('healthy');
    const times = source.describeTimes();
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    const busy = gaps.filter((_, i) => (times[i] ?? 0) < T0 + 20_000);
    const calm = gaps.filter((_, i) => (times[i] ?? 0) > T0 + 60_000);
    expect(Math.max(...busy)).toBeLessThanOrEqual(1_715); // 1 s, then the budget's 60/35 s
    expect(busy.filter((g) => g === 1_000).length).toBeGreaterThanOrEqual(8);
    expect(Math.min(...calm)).toBe(5_000);
    expect(Math.max(...calm)).toBe(5_000);
  });

  it('never exceeds callsPerMinute in any 60 s window, even when everything changes', async () => {
    const r = history(new Recorder(baseService({ loadBalancers: [] })));
    for (let s = 0; s < 600; s++) {
      r.say(s, `has started 1 tasks: (task ${s.toString(16).padStart(32, '0')}).`);
      r.poll(s, { deployments: inProgress(0, 1) });
    }
    const s = quiet('always changing', r.observations, 600_000);
    const { source, result } = await replay(s);
    expect(result.outcome).toBe('timed-out');
    const times = source.describeTimes();
    expect(maxPerMinute(times)).toBeLessThanOrEqual(40);
    // 5 burst + 35 a minute: about 355 calls in 10 minutes, not 600.
    expect(times.length).toBeGreaterThan(340);
    expect(times.length).toBeLessThanOrEqual(356);
  });

  it('honours a smaller budget and custom intervals', async () => {
    const s = quiet('busy then quiet', busyThenQuiet(60, 300));
    const { source } = await replay(s, undefined, {
      callsPerMinute: 12,
      burst: 2,
      minInterval: 2_000,
      maxInterval: 10_000,
    });
    const times = source.describeTimes();
    expect(maxPerMinute(times)).toBeLessThanOrEqual(12);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10_000);
  });

  it('reads stopped tasks only when the service changed, or every 30 s', async () => {
    const s = quiet('busy then quiet', busyThenQuiet(5, 300));
    const { source } = await replay(s);
    const stopped = source.calls
      .filter((c) => c.op.startsWith('describeStoppedTasks'))
      .map((c) => c.at);
    expect(
      stopped.every((_, i) => i === 0 || (stopped[i] ?? 0) - (stopped[i - 1] ?? 0) <= 35_000),
    ).toBe(true);
    expect(stopped.length).toBeLessThan(source.describeTimes().length / 3);
    expect(source.calls.find((c) => c.op.startsWith('describeStoppedTasks'))?.op).toBe(
      `describeStoppedTasks ${NEW}`,
    );
  });

  it('prints a progress line at least every 30 s while nothing changes', async () => {
    const r = history(new Recorder(baseService({ loadBalancers: [] })));
    r.poll(0, { deployments: inProgress(0) });
    const s = quiet('stuck', r.observations, 300_000);
    const { log, result } = await replay(s);
    expect(result.outcome).toBe('timed-out');
    // The last line comes with the verdict, not the heartbeat.
    const progress = log.lines
      .filter((l) => l.level === 'info' && l.line.startsWith('dev/api: '))
      .slice(0, -1);
    const gaps = progress.slice(1).map((l, i) => l.at - (progress[i]?.at ?? 0));
    expect(progress.length).toBeGreaterThanOrEqual(9);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30_000 + 5_000);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(30_000);
  });
});

describe('follow: errors', () => {
  const throttled = (): SourceError =>
    new SourceError('Rate exceeded', true, 'ThrottlingException');
  const serverError = (): SourceError =>
    new SourceError('Service Unavailable', true, 'ServerException');

  it('retries throttling bursts and 5xx quietly and still reaches the right verdict', async () => {
    const faults: Faults = (n) =>
      n >= 3 && n <= 6 ? throttled() : n === 12 || n === 13 ? serverError() : undefined;
    for (const name of ['healthy rollout', 'exits on start']) {
      const s = byName(name);
      const { result, log } = await replay(s, faults);
      expect(result.outcome).toBe(s.expected.verdict);
      expect(result.error).toBeUndefined();
      expect(log.visible().join('\n')).not.toMatch(/Throttling|ServerException|Rate exceeded/);
      expect(
        log.lines.filter((l) => l.level === 'debug' && l.line.includes('ThrottlingException')),
      ).toHaveLength(4);
    }
  });

  it('backs off between retries and stays inside the call budget', async () => {
    const s = byName('healthy rollout');
    const { source, clock } = await replay(s, (n) => (n >= 2 && n <= 8 ? throttled() : undefined));
    const times = source.describeTimes();
    const gaps = times.slice(1, 8).map((t, i) => t - (times[i] ?? 0));
    expect(gaps).toEqual([1_000, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(maxPerMinute(times)).toBeLessThanOrEqual(40);
    expect(clock.sleeps.every((ms) => ms >= 0)).toBe(true);
  });

  it('gives up with an error once an explicit retry budget is spent', async () => {
    const s = byName('healthy rollout');
    const { result } = await replay(s, () => throttled(), { errorBudget: 120_000 });
    expect(result.outcome).toBe('error');
    expect(result.error).toMatchObject({ code: 'ThrottlingException', retryable: true });
    expect(result.endedAt - result.startedAt).toBeGreaterThanOrEqual(120_000);
    expect(result.endedAt - result.startedAt).toBeLessThan(150_000);
    expect(result.message).toMatch(
      /ThrottlingException: Rate exceeded \(kept failing for \d+ s, \d+ attempts; /,
    );
  });

  it('stops at once on AccessDenied', async () => {
    const s = byName('healthy rollout');
    const denied = new SourceError(
      'User: arn:aws:sts::123456789012:assumed-role/deploy/gh is not authorized to perform: ecs:DescribeServices',
      false,
      'AccessDeniedException',
    );
    const { result, source, clock } = await replay(s, () => denied);
    expect(result.outcome).toBe('error');
    expect(source.describeTimes()).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(result.message).toContain('AccessDeniedException: User: arn:aws:sts');
  });

  it("accepts any error with a boolean `retryable` and a string `code` (e.g. the aws package's AwsError)", async () => {
    class AwsLike extends Error {
      readonly code: string = 'ThrottlingException';
      get retryable(): boolean {
        return this.code === 'ThrottlingException';
      }
    }
    const { result } = await replay(byName('healthy rollout'), (n) =>
      n === 2 ? (new AwsLike('ecs:DescribeServices failed') as unknown as SourceError) : undefined,
    );
    expect(result.outcome).toBe('healthy');
    const denied = new SourceError('not authorized', false, 'AccessDeniedException');
    const failed = await replay(byName('healthy rollout'), () => denied);
    expect(failed.result.error?.cause).toBe(denied);
  });

  it('treats errors the source did not classify as fatal', async () => {
    const { result } = await replay(
      byName('healthy rollout'),
      () => new TypeError('x is undefined') as unknown as SourceError,
    );
    expect(result.outcome).toBe('error');
    expect(result.error?.code).toBe('TypeError');
  });

  it('times out at the deadline even while retrying', async () => {
    const s = byName('timeout');
    const { result } = await replay(s, (n) => (n > 10 ? throttled() : undefined));
    expect(result.outcome).toBe('timed-out');
    expect(result.endedAt - result.startedAt).toBe(120_000);
    expect(result.message).toMatch(
      /the last \d+ polls failed \(ThrottlingException: Rate exceeded\)/,
    );
  });

  it('rejects a probe setting without a probe in the source', async () => {
    const s = byName('healthy rollout');
    const clock = new FakeClock(T0);
    const source = new ReplaySource(s.observations, clock);
    const result = await follow(source, { ...s.config, probe: {} }, clock, new FakeLog(clock));
    expect(result.outcome).toBe('error');
    expect(source.calls).toHaveLength(0);
  });
});

describe('follow: timeout and cancellation', () => {
  it('ends exactly at the deadline with what it was waiting for', async () => {
    const { result } = await replay(byName('timeout'));
    expect(result.outcome).toBe('timed-out');
    expect(result.endedAt - result.startedAt).toBe(120_000);
    expect(result.reasons.waitingFor[0]).toBe('ECS rollout IN_PROGRESS (0/2 running)');
  });

  it('stops promptly when aborted during a sleep', async () => {
    const s = byName('slow healthy');
    const clock = new FakeClock(T0);
    const controller = new AbortController();
    clock.onSleep = (now) => {
      if (now >= T0 + 42_000) controller.abort();
    };
    const source = new ReplaySource(s.observations, clock);
    const result = await follow(source, s.config, clock, new FakeLog(clock), controller.signal);
    expect(result.outcome).toBe('cancelled');
    expect(result.endedAt).toBeLessThan(T0 + 48_000);
    expect(result.message).toMatch(
      /^dev\/api: cancelled after \d+ s following deployment ecs-svc\/\d+ \(api:8\) \(IN_PROGRESS\)/,
    );
    expect(result.timeline.at(-1)?.text).toBe('cancelled');
  });

  it('stops promptly when aborted while a call hangs', async () => {
    const clock = new FakeClock(T0);
    const controller = new AbortController();
    const source = {
      describeService: (): Promise<never> => new Promise<never>(() => undefined),
      describeStoppedTasks: () => Promise.resolve([]),
    };
    setTimeout(() => {
      controller.abort();
    }, 5);
    const result = await follow(
      source,
      { deploymentId: NEW, timeout: 60_000 },
      clock,
      new FakeLog(clock),
      controller.signal,
    );
    expect(result.outcome).toBe('cancelled');
  });

  it('does not poll at all when already aborted', async () => {
    const clock = new FakeClock(T0);
    const source = new ReplaySource(byName('healthy rollout').observations, clock);
    const result = await follow(
      source,
      { deploymentId: NEW, timeout: 60_000 },
      clock,
      new FakeLog(clock),
      AbortSignal.abort(),
    );
    expect(result.outcome).toBe('cancelled');
    expect(source.calls).toHaveLength(0);
  });
});

describe('follow: probe', () => {
  it('probes only once ECS reports done, and fails when the probe budget runs out', async () => {
    const s = byName('probe failing');
    const { result, source } = await replay(s);
    expect(result.outcome).toBe('failed');
    const firstProbe = source.calls.find((c) => c.op === 'probe')?.at ?? 0;
    expect(firstProbe).toBeGreaterThanOrEqual(T0 + 91_000);
    expect(result.verdict?.kind === 'failed' && result.verdict.cause).toBe('probe');
  });

  it('is healthy when the probe passes', async () => {
    const s = byName('probe failing');
    const passing = s.observations.map((o) =>
      o.probe === undefined ? o : { ...o, probe: { ok: true, status: 200 } },
    );
    const { result } = await replay({ ...s, observations: passing });
    expect(result.outcome).toBe('healthy');
  });
});
