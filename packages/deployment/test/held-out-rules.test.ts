// The rules behind three held-out defects: a superseded deployment id (ECS's history and the
// tasks it launched tell at once), a deployment at desired count 0 (not `healthy`), and the
// driver under throttling (it waits until `timeout`, then says what it last saw).
import { describe, expect, it } from '@jest/globals';
import {
  follow,
  initialState,
  SourceError,
  step,
  type DeploymentObservation,
  type FollowerConfig,
  type Observation,
  type ServiceDeploymentObservation,
  type TaskObservation,
  type Verdict,
} from '../src/index.js';
import {
  NEW,
  OLD,
  OTHER,
  T0,
  at,
  baseService,
  deployment,
  stoppedTask,
  td,
} from './fixtures/build.js';
import { rollouts } from './fixtures/rollouts.js';
import { FakeClock, FakeLog, ReplaySource } from './fakes.js';

const sdArn = (n: number): string =>
  `arn:aws:ecs:us-east-1:123456789012:service-deployment/dev/api/sd${n}`;
const record = (
  n: number,
  rev: number,
  status: string,
  statusReason?: string,
): ServiceDeploymentObservation => ({
  serviceDeploymentArn: sdArn(n),
  status,
  createdAt: at(n * 100),
  taskDefinition: td(rev),
  ...(statusReason === undefined ? {} : { statusReason }),
});
const STOPPED_REASON = 'Service deployment stopped because a new deployment was started.';
const scaledDown = (startedBy: string, rev: number): TaskObservation =>
  stoppedTask(1, startedBy, td(rev), {
    code: 'ServiceSchedulerInitiated',
    reason: 'Scaling activity initiated by (deployment ecs-svc/1)',
  });
const completed = (id: string, rev: number, desired = 2): DeploymentObservation =>
  deployment(id, 'PRIMARY', td(rev), { desired, running: desired }, { state: 'COMPLETED' });

function verdictOf(config: FollowerConfig, observation: Observation): Verdict {
  return step(initialState(T0), observation, config).verdict;
}

describe('a deployment id no longer listed', () => {
  // OTHER (api:9) is PRIMARY; NEW (api:8) is not listed.
  const service = {
    ...baseService({ loadBalancers: [] }),
    deployments: [completed(OTHER, 9)],
    currentServiceDeployment: sdArn(3),
  };
  const cases: [
    name: string,
    history: ServiceDeploymentObservation[] | undefined,
    tasks: TaskObservation[],
    expected: { kind: string; cause?: string; message: RegExp[] },
  ][] = [
    [
      'superseded mid-rollout: STOPPED, superseded by the PRIMARY',
      [
        record(3, 9, 'SUCCESSFUL'),
        record(2, 8, 'STOPPED', STOPPED_REASON),
        record(1, 7, 'SUCCESSFUL'),
      ],
      [scaledDown(NEW, 8)],
      {
        kind: 'failed',
        cause: 'superseded',
        message: [
          /history has it STOPPED \("Service deployment stopped because a new deployment was started."\)/,
          new RegExp(
            `${NEW} \\(api:8\\) was superseded by deployment ${OTHER} \\(api:9\\), which is SUCCESSFUL`,
          ),
        ],
      },
    ],
    [
      'completed, then replaced: SUCCESSFUL in the history',
      [record(3, 9, 'IN_PROGRESS'), record(2, 8, 'SUCCESSFUL'), record(1, 7, 'SUCCESSFUL')],
      [scaledDown(NEW, 8)],
      {
        kind: 'failed',
        cause: 'superseded',
        message: [
          /history has it SUCCESSFUL/,
          new RegExp(`superseded by deployment ${OTHER} \\(api:9\\), which is IN_PROGRESS`),
        ],
      },
    ],
    [
      'history unreadable (no permission): still superseded, by the PRIMARY',
      undefined,
      [scaledDown(NEW, 8)],
      {
        kind: 'failed',
        cause: 'superseded',
        message: [new RegExp(`superseded by deployment ${OTHER}`)],
      },
    ],
    [
      'rolled back by the circuit breaker: ROLLBACK_SUCCESSFUL',
      [
        record(
          2,
          8,
          'ROLLBACK_SUCCESSFUL',
          'ECS deployment circuit breaker: tasks failed to start.',
        ),
        record(1, 7, 'SUCCESSFUL'),
      ],
      [scaledDown(NEW, 8)],
      { kind: 'rolled-back', message: [/ECS rolled back deployment/] },
    ],
    [
      'no task launched under the id: maybe a stale first read, keep waiting',
      [record(3, 9, 'SUCCESSFUL')],
      [scaledDown(OLD, 7)],
      { kind: 'in-progress', message: [] },
    ],
  ];
  it.each(cases)('%s', (_name, history, tasks, expected) => {
    const v = verdictOf(
      { deploymentId: NEW, timeout: 600_000 },
      {
        at: T0 + 1000,
        service,
        stoppedTasks: tasks,
        ...(history === undefined ? {} : { history }),
      },
    );
    expect(v.kind).toBe(expected.kind);
    if (v.kind === 'failed') expect(v.cause).toBe(expected.cause);
    for (const m of expected.message) expect('message' in v ? v.message : '').toMatch(m);
  });
});

describe('a redeploy of the same revision', () => {
  it('takes the older record for ours, not the PRIMARY one of the same task definition', () => {
    const service = {
      ...baseService({ loadBalancers: [] }),
      deployments: [completed(OTHER, 8)],
      currentServiceDeployment: sdArn(3),
    };
    const task = { ...scaledDown(NEW, 8), createdAt: at(250) };
    const v = verdictOf(
      { deploymentId: NEW, timeout: 600_000 },
      {
        at: T0 + 1000,
        service,
        stoppedTasks: [task],
        history: [
          record(3, 8, 'SUCCESSFUL'),
          record(2, 8, 'STOPPED', STOPPED_REASON),
          record(1, 7, 'SUCCESSFUL'),
        ],
      },
    );
    expect(v.kind === 'failed' && v.cause).toBe('superseded');
    expect('message' in v ? v.message : '').toMatch(
      new RegExp(
        `superseded by deployment ${OTHER} \\(api:8\\), which is SUCCESSFUL: .* history has it STOPPED`,
      ),
    );
  });
});

describe('desired count 0', () => {
  it.each([
    ['desired 0, nothing running: scaled-to-zero', 0, 'scaled-to-zero'],
    ['desired 2, two running: healthy', 2, 'healthy'],
  ] as const)('%s', (_name, desired, kind) => {
    const service = {
      ...baseService({ loadBalancers: [] }),
      desiredCount: desired,
      deployments: [completed(NEW, 8, desired)],
    };
    const v = verdictOf({ deploymentId: NEW, timeout: 600_000 }, { at: T0 + 1000, service });
    expect(v.kind).toBe(kind);
    if (v.kind === 'scaled-to-zero')
      expect(v.message).toMatch(/desired count 0: ECS started no task/);
  });
});

describe('follow under throttling', () => {
  const throttled = (): SourceError =>
    new SourceError('Rate exceeded', true, 'ThrottlingException');

  it.each([
    ['throttled for 5 min of a 10 min wait: the verdict, not an error', 10, 'healthy'],
    ['throttled for the whole rest of a 2 min wait: timed-out', 2, 'timed-out'],
  ] as const)('%s', async (_name, minutes, outcome) => {
    const s = rollouts.find((x) => x.name === 'healthy rollout');
    if (s === undefined) throw new Error('no healthy rollout recording');
    const clock = new FakeClock(T0);
    const source = new ReplaySource(s.observations, clock, (n) =>
      n >= 2 && clock.now() - T0 < 300_000 ? throttled() : undefined,
    );
    const result = await follow(
      source,
      {
        ...s.config,
        timeout: minutes * 60_000,
        checkHint: 'check it with `aws ecs describe-services`',
      },
      clock,
      new FakeLog(clock),
    );
    expect(result.outcome).toBe(outcome);
    if (outcome === 'timed-out') {
      expect(result.message).toMatch(
        /the last \d+ polls failed \(ThrottlingException: Rate exceeded\)/,
      );
      expect(result.message).toMatch(/last seen \d.* before: /);
      expect(result.message).toContain('aws ecs describe-services');
    }
  });
});

describe('follow: reading ECS history for an unlisted deployment', () => {
  const service = {
    ...baseService({ loadBalancers: [] }),
    deployments: [completed(OTHER, 9)],
    currentServiceDeployment: sdArn(3),
  };
  const history = [record(3, 9, 'SUCCESSFUL'), record(2, 8, 'STOPPED', STOPPED_REASON)];

  it.each([
    [
      'tasks launched under the id: read once, superseded at once',
      [scaledDown(NEW, 8)],
      1,
      'failed',
    ],
    ['no task launched under it: never read, not-found after the grace', [], 0, 'failed'],
  ] as const)('%s', async (_name, tasks, reads, outcome) => {
    const clock = new FakeClock(T0);
    const source = new ReplaySource([{ at: T0, service, stoppedTasks: tasks }], clock);
    let historyReads = 0;
    const withHistory = Object.assign(source, {
      deploymentHistory: (): Promise<readonly ServiceDeploymentObservation[]> => {
        historyReads += 1;
        return Promise.resolve(history);
      },
    });
    const result = await follow(
      withHistory,
      { deploymentId: NEW, timeout: 600_000 },
      clock,
      new FakeLog(clock),
    );
    expect(historyReads).toBe(reads);
    expect(result.outcome).toBe(outcome);
    expect(result.verdict?.kind === 'failed' && result.verdict.cause).toBe(
      reads === 1 ? 'superseded' : 'not-found',
    );
  });
});
