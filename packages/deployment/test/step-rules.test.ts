// Rules that the recorded sequences do not reach on their own.
import { describe, expect, it } from '@jest/globals';
import {
  expire,
  initialState,
  step,
  wantsProbe,
  type DeploymentObservation,
  type FollowerConfig,
  type Observation,
  type StepResult,
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

const running = (
  n: number,
  state: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' = 'IN_PROGRESS',
): DeploymentObservation =>
  deployment(
    NEW,
    'PRIMARY',
    td(8),
    { desired: 2, running: n, failed: state === 'FAILED' ? 3 : 0 },
    {
      state,
      ...(state === 'FAILED'
        ? { reason: 'ECS deployment circuit breaker: tasks failed to start.' }
        : {}),
    },
  );
const old = deployment(OLD, 'ACTIVE', td(7), { desired: 2, running: 2 }, { state: 'COMPLETED' });
const obs = (
  s: number,
  over: Partial<Observation> & { deployments?: DeploymentObservation[] } = {},
): Observation => {
  const { deployments, ...rest } = over;
  const service = {
    ...baseService({ loadBalancers: [] }),
    deployments: deployments ?? [running(0), old],
  };
  return { at: T0 + s * 1000, service, ...rest };
};

function fold(config: FollowerConfig, observations: Observation[]): StepResult[] {
  let state = initialState(T0);
  return observations.map((o) => {
    const r = step(state, o, config);
    state = r.state;
    return r;
  });
}

const base: FollowerConfig = { deploymentId: NEW, timeout: 600_000 };

describe('locating our deployment', () => {
  it('finds it by task definition when no id is given, and prints only its events', () => {
    const events = [
      {
        id: 'e3',
        createdAt: at(5),
        message: '(service api) has started 2 tasks: (task a) (task b).',
      },
      { id: 'e2', createdAt: at(-60), message: '(service api) has reached a steady state.' },
    ];
    const [r] = fold({ taskDefinitionArn: td(8), timeout: 600_000 }, [
      { ...obs(6), service: { ...obs(6).service, events } },
    ]);
    expect(r?.state.deployment).toEqual({ id: NEW, taskDefinition: td(8) });
    expect(r?.newEvents).toEqual(['(service api) has started 2 tasks: (task a) (task b).']);
  });

  it('fails with not-found when no deployment of the task definition appears within locateGrace', () => {
    const rs = fold({ taskDefinitionArn: td(9), timeout: 600_000, locateGrace: 10_000 }, [
      obs(0),
      obs(5),
      obs(10),
    ]);
    expect(rs.map((r) => r.verdict.kind)).toEqual(['in-progress', 'in-progress', 'failed']);
    const last = rs[2]?.verdict;
    expect(last?.kind === 'failed' && last.cause).toBe('not-found');
    expect(last?.kind === 'failed' && last.message).toBe(
      'no deployment of api:9 appeared within 10 s',
    );
  });

  it('follows the PRIMARY when given neither id nor task definition', () => {
    const [r] = fold({ timeout: 600_000 }, [obs(0)]);
    expect(r?.state.deployment?.id).toBe(NEW);
  });

  it('rides out a stale first read that does not list our deployment yet', () => {
    const stale = deployment(
      OLD,
      'PRIMARY',
      td(7),
      { desired: 2, running: 2 },
      { state: 'COMPLETED' },
    );
    const rs = fold({ ...base, locateGrace: 10_000 }, [obs(0, { deployments: [stale] }), obs(2)]);
    expect(rs.map((r) => r.verdict.kind)).toEqual(['in-progress', 'in-progress']);
    expect(rs[0]?.state.waitingFor).toEqual([`deployment ${NEW} to appear in DescribeServices`]);
    const never = fold({ ...base, locateGrace: 10_000 }, [
      obs(0, { deployments: [stale] }),
      obs(10, { deployments: [stale] }),
    ]);
    const v = never[1]?.verdict;
    expect(v?.kind === 'failed' && v.cause).toBe('not-found');
    expect(v?.kind === 'failed' && v.message).toContain(`(PRIMARY is ${OLD} (api:7))`);
  });

  it('honours eventsSince', () => {
    const events = [{ id: 'e1', createdAt: at(-30), message: 'earlier' }];
    const [r] = fold({ ...base, eventsSince: T0 - 60_000 }, [
      { ...obs(1), service: { ...obs(1).service, events } },
    ]);
    expect(r?.newEvents).toEqual(['earlier']);
  });
});

describe('failure rules', () => {
  it('waits rollbackGrace for the rollback deployment, then calls it failed', () => {
    const failed = [running(0, 'FAILED'), old];
    const rs = fold({ ...base, rollbackGrace: 20_000 }, [
      obs(0),
      obs(10, { deployments: failed }),
      obs(25, { deployments: failed }),
      obs(30, { deployments: failed }),
    ]);
    expect(rs.map((r) => r.verdict.kind)).toEqual([
      'in-progress',
      'in-progress',
      'in-progress',
      'failed',
    ]);
    const v = rs[3]?.verdict;
    expect(v?.kind === 'failed' && v.message).toContain(
      'no rollback deployment appeared within 20 s',
    );
    expect(rs[1]?.state.waitingFor).toEqual(['ECS to start the rollback deployment']);
  });

  it('says disappeared when ours is gone and nothing is PRIMARY', () => {
    const rs = fold(base, [obs(0), obs(5, { deployments: [old] })]);
    const v = rs[1]?.verdict;
    expect(v?.kind === 'failed' && v.cause).toBe('disappeared');
  });

  it('treats a PRIMARY that says "rolling back" as a rollback even before ours shows FAILED', () => {
    const rollback = deployment(
      OTHER,
      'PRIMARY',
      td(7),
      { desired: 2, running: 0 },
      {
        state: 'IN_PROGRESS',
        reason: `ECS deployment circuit breaker: rolling back to deploymentId ${OLD}.`,
      },
    );
    const ours = deployment(
      NEW,
      'ACTIVE',
      td(8),
      { desired: 2, running: 0 },
      { state: 'IN_PROGRESS' },
    );
    const rs = fold(base, [obs(0), obs(5, { deployments: [rollback, ours, old] })]);
    const v = rs[1]?.verdict;
    expect(v?.kind).toBe('rolled-back');
    expect(v?.kind === 'rolled-back' && v.rolledBackTo).toBe(OLD);
  });

  it('fails at once when the service is missing before anything was located', () => {
    const [r] = fold(base, [{ at: T0, missing: { reason: 'MISSING' } }]);
    expect(r?.verdict.kind === 'failed' && r.verdict.cause).toBe('service-missing');
  });

  it('leaves tasks-failing to ECS when the circuit breaker is on', () => {
    const many = deployment(
      NEW,
      'PRIMARY',
      td(8),
      { desired: 2, running: 0, failed: 12 },
      { state: 'IN_PROGRESS' },
    );
    const [on] = fold(base, [obs(0, { deployments: [many, old] })]);
    expect(on?.verdict.kind).toBe('in-progress');
    const off = { ...obs(0, { deployments: [many, old] }) };
    off.service = { ...off.service, deploymentConfiguration: {} };
    expect(fold(base, [off])[0]?.verdict.kind).toBe('failed');
    expect(fold({ ...base, failedTasksLimit: 0 }, [off])[0]?.verdict.kind).toBe('in-progress');
  });
});

describe('bookkeeping', () => {
  it('reports stopped tasks of our deployment only, and only failures', () => {
    const tasks = [
      stoppedTask(1, NEW, td(8), {
        code: 'TaskFailedToStart',
        reason: 'CannotPullContainerError: x',
      }),
      stoppedTask(2, OLD, td(7), {
        code: 'TaskFailedToStart',
        reason: 'CannotPullContainerError: y',
      }),
      stoppedTask(3, NEW, td(8), { code: 'UserInitiated', reason: 'Task stopped by user' }),
      stoppedTask(4, NEW, td(8), {
        code: 'ServiceSchedulerInitiated',
        reason: `Scaling activity initiated by (deployment ${OTHER})`,
      }),
    ];
    const rs = fold(base, [obs(0, { stoppedTasks: tasks }), obs(1, { stoppedTasks: tasks })]);
    expect(rs[0]?.newStoppedReasons).toEqual([
      'task 00000001 (api:8) stopped: CannotPullContainerError: x',
    ]);
    expect(rs[1]?.newStoppedReasons).toEqual([]);
  });

  it('is a no-op after a terminal verdict', () => {
    const done = obs(5, { deployments: [running(2, 'COMPLETED')] });
    const [first, again] = fold(base, [done, { ...done, at: done.at + 1000 }]);
    expect(first?.verdict.kind).toBe('healthy');
    expect(again?.verdict).toBe(first?.verdict);
    expect(again?.progressChanged).toBe(false);
  });

  it('asks for a probe once ECS is done, and waits for its result', () => {
    const done = obs(5, { deployments: [running(2, 'COMPLETED')] });
    const [r1, r2] = fold({ ...base, probe: {} }, [
      done,
      { ...done, at: done.at + 1000, probe: { ok: true, status: 200 } },
    ]);
    expect(r1?.verdict.kind).toBe('in-progress');
    expect(r1 && wantsProbe(r1.state)).toBe(true);
    expect(r1?.state.waitingFor).toEqual(['HTTP probe result']);
    expect(r2?.verdict.kind).toBe('healthy');
  });

  it('builds a timed-out verdict from the state alone', () => {
    const [r] = fold(base, [obs(0)]);
    const v =
      r === undefined
        ? undefined
        : expire(r.state, T0 + 600_000, 'the last poll failed: ThrottlingException');
    expect(v?.message).toBe(
      `timed out after 10 min following deployment ${NEW} (api:8); still waiting for ECS rollout IN_PROGRESS (0/2 running); old deployment ${OLD} to drain (2 tasks) (the last poll failed: ThrottlingException)`,
    );
  });
});
