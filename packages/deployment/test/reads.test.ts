// Which optional reads a poll makes: the triggers on their own, then through the driver.
import { describe, expect, it } from '@jest/globals';
import { follow, type DeploymentObservation, type ServiceObservation } from '../src/index.js';
import { stoppedTasksTrigger, targetHealthTrigger } from '../src/reads.js';
import {
  NEW,
  OLD,
  Recorder,
  T0,
  at,
  baseService,
  deployment,
  history,
  stoppedTask,
  targets,
  td,
  times,
} from './fixtures/build.js';
import { FakeClock, FakeLog, ReplaySource } from './fakes.js';

interface Counts {
  running: number;
  pending?: number;
  failed?: number;
}

function service(
  ours: Counts & { state?: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' },
  old: Counts | undefined,
  events: string[] = [],
): ServiceObservation {
  const deployments: DeploymentObservation[] = [
    deployment(
      NEW,
      'PRIMARY',
      td(8),
      { desired: 2, ...ours },
      { state: ours.state ?? 'IN_PROGRESS' },
    ),
  ];
  if (old !== undefined)
    deployments.push(
      deployment(OLD, 'ACTIVE', td(7), { desired: 2, ...old }, { state: 'COMPLETED' }),
    );
  return {
    ...baseService(),
    deployments,
    events: events.map((message, i) => ({
      id: `e${events.length - i}`,
      createdAt: at(events.length - i),
      message: `(service api) ${message}`,
    })),
  };
}

describe('stoppedTasksTrigger', () => {
  it('skips a fresh deployment on the first poll and reads one with history', () => {
    expect(stoppedTasksTrigger(undefined, service({ running: 0 }, { running: 2 }), NEW)).toBe(
      undefined,
    );
    expect(
      stoppedTasksTrigger(undefined, service({ running: 0, pending: 1 }, { running: 2 }), NEW),
    ).toBe('first poll');
    expect(
      stoppedTasksTrigger(
        undefined,
        service({ running: 0 }, { running: 2 }, ['has started 1 tasks: (task a).']),
        NEW,
      ),
    ).toBe('first poll');
  });

  it('reads when failedTasks changes, counts fall or it turns FAILED; not when counts rise', () => {
    const before = service({ running: 1, pending: 1 }, { running: 2 });
    const t = (s: ServiceObservation): string | undefined => stoppedTasksTrigger(before, s, NEW);
    expect(t(service({ running: 2 }, { running: 2 }))).toBe(undefined);
    expect(t(service({ running: 1, pending: 1, failed: 1 }, { running: 2 }))).toBe(
      'failedTasks changed',
    );
    expect(t(service({ running: 0, pending: 2 }, { running: 2 }))).toBe('running count fell');
    expect(t(service({ running: 1 }, { running: 2 }))).toBe('task count fell');
    expect(t(service({ running: 1, pending: 1, state: 'FAILED' }, { running: 2 }))).toBe(
      'it failed',
    );
  });

  it('leaves the old deployment draining to the counts, reads on a failing task', () => {
    const before = service({ running: 2 }, { running: 2 });
    const drained = service({ running: 2 }, { running: 1 }, [
      'has stopped 1 running tasks: (task b).',
    ]);
    expect(stoppedTasksTrigger(before, drained, NEW)).toBe(undefined);
    const early = service({ running: 2 }, { running: 2 }, [
      'has stopped 1 running tasks: (task b).',
    ]);
    expect(stoppedTasksTrigger(before, early, NEW)).toBe(undefined);
    const ours = service({ running: 1 }, { running: 2 }, [
      'has stopped 1 running tasks: (task c).',
    ]);
    expect(stoppedTasksTrigger(before, ours, NEW)).toBe('running count fell');
    const unhealthy = service({ running: 2 }, { running: 2 }, [
      '(task c) (port 8080) is unhealthy in (target-group x) due to (reason Health checks failed).',
    ]);
    expect(stoppedTasksTrigger(before, unhealthy, NEW)).toBe(
      'an event tells of a stopped or failing task',
    );
  });
});

describe('targetHealthTrigger', () => {
  it('does not read while our deployment runs no task and ECS is not done', () => {
    const s = service({ running: 0, pending: 2 }, { running: 2 });
    expect(targetHealthTrigger(undefined, s, NEW, Number.POSITIVE_INFINITY, 30_000)).toBe(
      undefined,
    );
  });

  it('reads every poll once ECS is done, whatever changed', () => {
    const done = service({ running: 2, state: 'COMPLETED' }, undefined);
    expect(targetHealthTrigger(done, done, NEW, 1_000, 30_000)).toBe('ECS is done');
  });

  it('reads when our running count falls, on unhealthy targets, and when the last read is old', () => {
    const before = service({ running: 2 }, { running: 2 });
    const t = (s: ServiceObservation, since = 1_000): string | undefined =>
      targetHealthTrigger(before, s, NEW, since, 60_000);
    expect(t(before)).toBe(undefined);
    expect(t(before, 90_000)).toBe('last read is old');
    expect(t(service({ running: 1, pending: 1 }, { running: 2 }))).toBe('our running count fell');
    expect(t(service({ running: 2 }, { running: 1 }))).toBe(undefined);
    expect(
      t(
        service({ running: 2 }, { running: 2 }, [
          '(task c) (port 8080) is unhealthy in (target-group x) due to (reason Health checks failed).',
        ]),
      ),
    ).toBe('an event tells of an unhealthy target');
    for (const quiet of [
      'registered 1 targets in (target-group x)',
      'deregistered 1 targets in (target-group x)',
      'has started 1 tasks: (task d).',
    ]) {
      expect(t(service({ running: 2 }, { running: 2 }, [quiet]))).toBe(undefined);
    }
  });
});

describe('follow: optional reads', () => {
  // 2 new tasks start, register and stay `initial` for 3 minutes, then old ones drain: done.
  function slowTargets(): Recorder {
    const r = history(new Recorder(baseService()));
    const inProgress = (
      running: number,
      pending: number,
      oldRunning: number,
    ): DeploymentObservation[] => [
      deployment(NEW, 'PRIMARY', td(8), { desired: 2, running, pending }, { state: 'IN_PROGRESS' }),
      deployment(OLD, 'ACTIVE', td(7), { desired: 2, running: oldRunning }, { state: 'COMPLETED' }),
    ];
    r.poll(
      0,
      { deployments: inProgress(0, 0, 2) },
      { targetHealth: targets(...times(2, ['healthy'] as [string])) },
    );
    r.say(2, 'has started 2 tasks: (task 1) (task 2).');
    r.poll(
      2,
      { deployments: inProgress(0, 2, 2) },
      { targetHealth: targets(...times(2, ['healthy'] as [string])) },
    );
    r.say(8, `registered 2 targets in (target-group tg)`);
    const waiting = targets(
      ...times(2, ['healthy'] as [string]),
      ...times(2, ['initial'] as [string]),
    );
    r.poll(8, { deployments: inProgress(2, 0, 2) }, { targetHealth: waiting });
    r.poll(
      188,
      { deployments: inProgress(2, 0, 2) },
      { targetHealth: targets(...times(4, ['healthy'] as [string])) },
    );
    r.say(190, 'has stopped 2 running tasks: (task 3) (task 4).');
    r.poll(
      190,
      { deployments: inProgress(2, 0, 0) },
      { targetHealth: targets(...times(2, ['healthy'] as [string])) },
    );
    r.say(191, `(deployment ${NEW}) deployment completed.`);
    r.poll(
      191,
      {
        deployments: [
          deployment(NEW, 'PRIMARY', td(8), { desired: 2, running: 2 }, { state: 'COMPLETED' }),
        ],
      },
      { targetHealth: targets(...times(2, ['healthy'] as [string])) },
    );
    return r;
  }

  it('reads target health every minute while ECS rolls out, on every poll once it is done', async () => {
    const r = slowTargets();
    const clock = new FakeClock(T0);
    const source = new ReplaySource(r.observations, clock);
    const result = await follow(
      source,
      { deploymentId: NEW, label: 'dev/api', timeout: 600_000 },
      clock,
      new FakeLog(clock),
    );
    expect(result.outcome).toBe('healthy');
    const polls = source.describeTimes();
    const health = source.calls.filter((c) => c.op.startsWith('targetHealth')).map((c) => c.at);
    const stopped = source.calls.filter((c) => c.op.startsWith('describeStoppedTasks'));
    // ~45 polls over 3 minutes; target health each minute after our tasks run, then at the end.
    expect(polls.length).toBeGreaterThan(40);
    expect(health.length).toBeLessThanOrEqual(5);
    expect(health[0]).toBeGreaterThanOrEqual(T0 + 68_000);
    const gaps = health.slice(1).map((t, i) => t - (health[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(65_000);
    expect(health.at(-1)).toBe(polls.at(-1));
    // Stopped tasks: every 30 s only; the drain of the old deployment is not ours.
    expect(stopped.length).toBeLessThanOrEqual(7);
    // The verdict no later than before: one poll after "completed".
    expect((polls.at(-1) ?? 0) - (T0 + 191_000)).toBeLessThanOrEqual(5_000);
  });

  it('still reads the reasons of a task of ours stopped for failing health checks', async () => {
    const r = history(new Recorder(baseService()));
    const d = (running: number, pending: number, failed = 0): DeploymentObservation[] => [
      deployment(
        NEW,
        'PRIMARY',
        td(8),
        { desired: 1, running, pending, failed },
        { state: 'IN_PROGRESS' },
      ),
      deployment(OLD, 'ACTIVE', td(7), { desired: 1, running: 1 }, { state: 'COMPLETED' }),
    ];
    const unhealthy = targets(
      ['healthy'],
      ['unhealthy', 'Target.ResponseCodeMismatch', 'Health checks failed with these codes: [503]'],
    );
    r.poll(0, { deployments: d(1, 0) }, { targetHealth: targets(['healthy'], ['initial']) });
    r.poll(20, { deployments: d(1, 0) }, { targetHealth: unhealthy });
    r.say(
      21,
      `(task 1) (port 8080) is unhealthy in (target-group tg) due to (reason Health checks failed with these codes: [503]).`,
    );
    r.stop(
      stoppedTask(1, NEW, td(8), {
        code: 'ServiceSchedulerInitiated',
        reason: 'Task failed ELB health checks in (target-group tg)',
        atS: 22,
      }),
    );
    r.poll(22, { deployments: d(0, 1, 1) }, { targetHealth: unhealthy });
    const clock = new FakeClock(T0);
    const source = new ReplaySource(r.observations, clock);
    const result = await follow(
      source,
      { deploymentId: NEW, label: 'dev/api', timeout: 40_000 },
      clock,
      new FakeLog(clock),
    );
    expect(result.outcome).toBe('timed-out');
    const verdict = result.verdict;
    const reasons = verdict !== undefined && 'reasons' in verdict ? verdict.reasons : undefined;
    expect(reasons?.targetHealth).toEqual([
      'Target.ResponseCodeMismatch: Health checks failed with these codes: [503] (target group dev-api, 1 target)',
    ]);
    expect(reasons?.stoppedTasks.length).toBe(1);
  });
});
