// Deployment alarms: which are watched, when DescribeAlarms is worth a call, and how a failure an
// alarm caused is told (docs/aws-behaviour.md#deployment-alarms).
import { describe, expect, it } from '@jest/globals';
import {
  alarmFailure,
  alarmLine,
  alarmStates,
  alarmsTrigger,
  firedAlarms,
  watchedAlarms,
} from '../src/alarms.js';
import { follow } from '../src/follow.js';
import {
  initialState,
  outcomeError,
  renderSummary,
  step,
  type AlarmObservation,
  type DeploymentObservation,
  type DeploymentSource,
  type FollowerConfig,
  type Observation,
  type ServiceObservation,
  type StepResult,
} from '../src/index.js';
import { FakeClock, FakeLog } from './fakes.js';
import { NEW, OLD, OTHER, T0, at, baseService, deployment, td } from './fixtures/build.js';

const withAlarms = (
  names: string[],
  over: { enable?: boolean; rollback?: boolean } = {},
): ServiceObservation =>
  baseService({
    loadBalancers: [],
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: { alarmNames: names, enable: over.enable ?? true, rollback: over.rollback ?? true },
    },
  });

const alarm = (
  name: string,
  state: string,
  s: number,
  reason = 'Threshold Crossed: 1 datapoint [42.0] was greater than the threshold (10.0).',
): AlarmObservation => ({
  AlarmName: name,
  StateValue: state,
  StateReason: reason,
  StateUpdatedTimestamp: at(s),
});

const ours = (
  state: 'IN_PROGRESS' | 'FAILED',
  status: 'PRIMARY' | 'ACTIVE' = 'PRIMARY',
  reason?: string,
): DeploymentObservation =>
  deployment(
    NEW,
    status,
    td(8),
    { desired: 2, running: 1 },
    {
      state,
      ...(reason === undefined ? {} : { reason }),
    },
  );
const old = deployment(OLD, 'ACTIVE', td(7), { desired: 2, running: 2 }, { state: 'COMPLETED' });

describe('watchedAlarms', () => {
  it.each([
    ['enabled alarms', withAlarms(['web-5xx', 'web-latency']), ['web-5xx', 'web-latency']],
    ['disabled alarms', withAlarms(['web-5xx'], { enable: false }), []],
    ['no alarms configuration', baseService({ deploymentConfiguration: {} }), []],
    ['a name twice and an empty one', withAlarms(['a', '', 'a']), ['a']],
  ])('%s', (_, service, expected) => {
    expect(watchedAlarms(service)).toEqual(expected);
  });
});

describe('alarmsTrigger', () => {
  const svc = (d: DeploymentObservation, events: string[] = []): ServiceObservation => ({
    ...withAlarms(['web-5xx']),
    deployments: [d, old],
    events: events.map((message, i) => ({ id: `e${i}`, createdAt: at(i + 1), message })),
  });
  it.each<[string, ServiceObservation | undefined, ServiceObservation, number, string | undefined]>(
    [
      ['first poll', undefined, svc(ours('IN_PROGRESS')), 0, 'first poll'],
      [
        'nothing changed, read 5 s ago',
        svc(ours('IN_PROGRESS')),
        svc(ours('IN_PROGRESS')),
        5_000,
        undefined,
      ],
      [
        'nothing changed, read 15 s ago',
        svc(ours('IN_PROGRESS')),
        svc(ours('IN_PROGRESS')),
        15_000,
        'last read is old',
      ],
      [
        'our rollout state changed',
        svc(ours('IN_PROGRESS')),
        svc(ours('FAILED')),
        1_000,
        'our rollout state changed',
      ],
      [
        'our reason changed',
        svc(ours('IN_PROGRESS')),
        svc(
          ours('IN_PROGRESS', 'PRIMARY', 'ECS deployment alarms: alarm(s) web-5xx in ALARM state.'),
        ),
        1_000,
        'our rollout state changed',
      ],
      [
        'an event tells of an alarm',
        svc(ours('IN_PROGRESS')),
        svc(ours('IN_PROGRESS'), [
          `(service api) (deployment ${NEW}) deployment failed: alarm detected.`,
        ]),
        1_000,
        'an event tells of an alarm',
      ],
      [
        'an event of another kind',
        svc(ours('IN_PROGRESS')),
        svc(ours('IN_PROGRESS'), ['(service api) has started 1 tasks: (task a).']),
        1_000,
        undefined,
      ],
    ],
  )('%s', (_, previous, service, since, expected) => {
    expect(alarmsTrigger(previous, service, NEW, since, 15_000)).toBe(expected);
  });

  it('never asks for a service without alarms', () => {
    const service = { ...baseService(), deployments: [ours('FAILED'), old] };
    expect(
      alarmsTrigger(undefined, service, NEW, Number.POSITIVE_INFINITY, 15_000),
    ).toBeUndefined();
  });
});

describe('which alarm failed the deployment', () => {
  const names = ['web-5xx', 'web-latency'];
  it.each<[string, AlarmObservation[] | undefined, string[]]>([
    [
      'the one that went to ALARM after the deployment began',
      [alarm('web-5xx', 'ALARM', 30), alarm('web-latency', 'OK', 10)],
      ['web-5xx'],
    ],
    [
      'not one already in ALARM when it began, while another fired since',
      [alarm('web-5xx', 'ALARM', -60), alarm('web-latency', 'ALARM', 40)],
      ['web-latency'],
    ],
    [
      'one in ALARM from before, when no other is',
      [alarm('web-5xx', 'ALARM', -60), alarm('web-latency', 'OK', 10)],
      ['web-5xx'],
    ],
    ['none when all are OK', [alarm('web-5xx', 'OK', 30)], []],
    ['none when never read', undefined, []],
    ['not an alarm the service does not name', [alarm('other', 'ALARM', 30)], []],
  ])('%s', (_, read, expected) => {
    expect(firedAlarms(names, read, at(0)).map((a) => a.AlarmName)).toEqual(expected);
  });

  it('tells the alarm, when it fired and why', () => {
    const found = alarmFailure(
      withAlarms(['web-5xx']),
      [alarm('web-5xx', 'ALARM', 70)],
      ours('FAILED'),
      ['deployment failed: alarm detected.'],
    );
    expect(found).toEqual({
      lines: [
        'alarm web-5xx went to ALARM at 10:01:10Z: Threshold Crossed: 1 datapoint [42.0] was greater than the threshold (10.0).',
      ],
      blamed: true,
    });
  });

  it('says so when ECS blames an alarm that was not read in ALARM', () => {
    expect(
      alarmFailure(withAlarms(['web-5xx']), [alarm('web-5xx', 'OK', 70)], ours('FAILED'), [
        'ECS deployment alarms: alarm(s) web-5xx in ALARM state.',
      ]),
    ).toEqual({ lines: ['web-5xx are not in ALARM as last read'], blamed: true });
  });

  it('has nothing to say about a circuit-breaker failure with every alarm OK', () => {
    expect(
      alarmFailure(withAlarms(['web-5xx']), [alarm('web-5xx', 'OK', 70)], ours('FAILED'), [
        'ECS deployment circuit breaker: tasks failed to start.',
      ]),
    ).toBeUndefined();
  });
});

describe('alarm states in reasons and the summary', () => {
  it.each<[string, AlarmObservation[] | undefined, string]>([
    [
      'in ALARM',
      [alarm('web-5xx', 'ALARM', 70, 'Threshold Crossed')],
      'web-5xx: ALARM since 10:01:10Z (Threshold Crossed)',
    ],
    ['never read', undefined, 'web-5xx: not read'],
    ['missing from DescribeAlarms', [], 'web-5xx: MISSING'],
  ])('%s', (_, read, line) => {
    const [state] = alarmStates(['web-5xx'], read);
    expect(state === undefined ? '' : alarmLine(state)).toBe(line);
  });
});

describe('the follower and the alarms', () => {
  const config: FollowerConfig = { deploymentId: NEW, timeout: 600_000 };
  const rollback = deployment(
    OTHER,
    'PRIMARY',
    td(7),
    { desired: 2, running: 0 },
    {
      state: 'IN_PROGRESS',
      reason: `ECS deployment alarms: rolling back to deploymentId ${OLD}.`,
    },
  );
  const failedEvent = {
    id: 'f',
    createdAt: at(60),
    message: `(service api) (deployment ${NEW}) deployment failed: alarm detected.`,
  };
  const obs = (
    s: number,
    deployments: DeploymentObservation[],
    alarms?: AlarmObservation[],
    events = [failedEvent].filter(() => s >= 60),
  ): Observation => ({
    at: T0 + s * 1000,
    service: { ...withAlarms(['web-5xx']), deployments, events },
    ...(alarms === undefined ? {} : { alarms }),
  });
  function fold(observations: Observation[], cfg = config): StepResult[] {
    let state = initialState(T0);
    return observations.map((o) => {
      const r = step(state, o, cfg);
      state = r.state;
      return r;
    });
  }

  it('rolled back: the message and the error name the alarm, its reason and when it fired', () => {
    const rs = fold([
      obs(0, [ours('IN_PROGRESS'), old], [alarm('web-5xx', 'OK', -600)]),
      obs(
        61,
        [
          rollback,
          ours('FAILED', 'ACTIVE', 'ECS deployment alarms: alarm(s) web-5xx in ALARM state.'),
          old,
        ],
        [alarm('web-5xx', 'ALARM', 55)],
      ),
    ]);
    const v = rs[1]?.verdict;
    expect(v?.kind).toBe('rolled-back');
    const message = v !== undefined && 'message' in v ? v.message : '';
    expect(message).toContain(
      'ECS deployment alarms: alarm(s) web-5xx in ALARM state — alarm web-5xx went to ALARM at 10:00:55Z: Threshold Crossed: 1 datapoint [42.0] was greater than the threshold (10.0).',
    );
    expect(v !== undefined && 'reasons' in v ? v.reasons.alarms : undefined).toEqual([
      {
        name: 'web-5xx',
        state: 'ALARM',
        reason: 'Threshold Crossed: 1 datapoint [42.0] was greater than the threshold (10.0).',
        since: at(55).toISOString(),
      },
    ]);
  });

  it('keeps the alarms as last read when a poll does not read them', () => {
    const rs = fold([
      obs(0, [ours('IN_PROGRESS'), old], [alarm('web-5xx', 'ALARM', 30)]),
      obs(61, [rollback, ours('FAILED', 'ACTIVE'), old]),
    ]);
    const v = rs[1]?.verdict;
    expect(v !== undefined && 'message' in v ? v.message : '').toContain(
      'alarm web-5xx went to ALARM at 10:00:30Z',
    );
  });

  it('failed without rollback: cause alarm, and the hint says so', () => {
    const noRollback = (
      s: number,
      d: DeploymentObservation[],
      alarms: AlarmObservation[],
    ): Observation => ({
      ...obs(s, d, alarms),
      service: {
        ...withAlarms(['web-5xx'], { rollback: false }),
        deploymentConfiguration: {
          alarms: { alarmNames: ['web-5xx'], enable: true, rollback: false },
        },
        deployments: d,
        events: [],
      },
    });
    const rs = fold([
      noRollback(0, [ours('IN_PROGRESS'), old], [alarm('web-5xx', 'OK', -60)]),
      noRollback(
        61,
        [ours('FAILED', 'PRIMARY', 'ECS deployment alarms: alarm(s) web-5xx in ALARM state.'), old],
        [alarm('web-5xx', 'ALARM', 50)],
      ),
    ]);
    const v = rs[1]?.verdict;
    expect(v?.kind === 'failed' && v.cause).toBe('alarm');
    expect(v !== undefined && 'message' in v ? v.message : '').toMatch(
      /failed: ECS deployment alarms: alarm\(s\) web-5xx in ALARM state — alarm web-5xx went to ALARM at 10:00:50Z: Threshold Crossed.* \(rollback is off/,
    );
  });

  it('a circuit-breaker rollback with its alarms OK says nothing of alarms', () => {
    const breaker = deployment(
      OTHER,
      'PRIMARY',
      td(7),
      { desired: 2, running: 0 },
      {
        state: 'IN_PROGRESS',
        reason: `ECS deployment circuit breaker: rolling back to deploymentId ${OLD}.`,
      },
    );
    const rs = fold([
      obs(0, [ours('IN_PROGRESS'), old], [alarm('web-5xx', 'OK', -60)], []),
      obs(
        61,
        [
          breaker,
          ours('FAILED', 'ACTIVE', 'ECS deployment circuit breaker: tasks failed to start.'),
          old,
        ],
        [alarm('web-5xx', 'OK', -60)],
        [],
      ),
    ]);
    const v = rs[1]?.verdict;
    expect(v?.kind).toBe('rolled-back');
    expect(v !== undefined && 'message' in v ? v.message : '').not.toMatch(/alarm/);
  });
});

describe('follow: DescribeAlarms calls', () => {
  class AlarmSource implements DeploymentSource {
    alarmCalls: number[] = [];
    constructor(
      private readonly clock: FakeClock,
      private readonly service: (t: number) => ServiceObservation,
      private readonly alarms: (t: number) => AlarmObservation[],
    ) {}
    describeService(): ReturnType<DeploymentSource['describeService']> {
      return Promise.resolve({ service: this.service(this.clock.now() - T0) });
    }
    describeStoppedTasks(): ReturnType<DeploymentSource['describeStoppedTasks']> {
      return Promise.resolve([]);
    }
    describeAlarms(names: readonly string[]): Promise<readonly AlarmObservation[]> {
      expect(names).toEqual(['web-5xx']);
      this.alarmCalls.push(this.clock.now() - T0);
      return Promise.resolve(this.alarms(this.clock.now() - T0));
    }
  }

  it('reads the alarms at the start, every 15 s, and at the failure; names the alarm in the result', async () => {
    const clock = new FakeClock(T0);
    const FAIL = 120_000;
    const source = new AlarmSource(
      clock,
      (t) => ({
        ...withAlarms(['web-5xx']),
        deployments:
          t < FAIL
            ? [ours('IN_PROGRESS'), old]
            : [
                deployment(
                  OTHER,
                  'PRIMARY',
                  td(7),
                  { desired: 2, running: 0 },
                  {
                    state: 'IN_PROGRESS',
                    reason: `ECS deployment alarms: rolling back to deploymentId ${OLD}.`,
                  },
                ),
                ours('FAILED', 'ACTIVE', 'ECS deployment alarms: alarm(s) web-5xx in ALARM state.'),
                old,
              ],
      }),
      (t) => [t < FAIL - 5_000 ? alarm('web-5xx', 'OK', -600) : alarm('web-5xx', 'ALARM', 115)],
    );
    const result = await follow(
      source,
      { deploymentId: NEW, timeout: 600_000 },
      clock,
      new FakeLog(clock),
    );
    expect(result.outcome).toBe('rolled-back');
    expect(result.message).toContain('alarm web-5xx went to ALARM at 10:01:55Z');
    // One at the start, about one per 15 s while nothing changes, one when our rollout changed.
    expect(source.alarmCalls[0]).toBe(0);
    expect(source.alarmCalls.at(-1)).toBeGreaterThanOrEqual(FAIL);
    expect(source.alarmCalls.length).toBeLessThanOrEqual(FAIL / 15_000 + 2);
    for (let i = 1; i < source.alarmCalls.length - 1; i++)
      expect((source.alarmCalls[i] ?? 0) - (source.alarmCalls[i - 1] ?? 0)).toBeGreaterThanOrEqual(
        15_000,
      );
    expect(outcomeError(result)?.message).toContain('web-5xx');
    expect(renderSummary(result)).toContain('- web-5xx: ALARM since 10:01:55Z (Threshold Crossed');
  });

  it('never calls DescribeAlarms for a service without alarms, and a healthy summary has no alarm section', async () => {
    const clock = new FakeClock(T0);
    const source = new AlarmSource(
      clock,
      () => ({
        ...baseService({ loadBalancers: [] }),
        deployments: [
          deployment(NEW, 'PRIMARY', td(8), { desired: 2, running: 2 }, { state: 'COMPLETED' }),
        ],
      }),
      () => [],
    );
    const result = await follow(
      source,
      { deploymentId: NEW, timeout: 600_000 },
      clock,
      new FakeLog(clock),
    );
    expect(result.outcome).toBe('healthy');
    expect(source.alarmCalls).toEqual([]);
    expect(renderSummary(result)).not.toContain('Alarms watched');
  });
});
