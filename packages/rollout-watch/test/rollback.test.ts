import { describe, expect, it } from '@jest/globals';
import type { EcsApi } from '@ecs-deploy/aws';
import type { FollowResult, Outcome, ServiceObservation } from '@ecs-deploy/deployment';
import { confirmRollback, rollbackOutputs, type RollbackDeps } from '../src/index.js';

const TD = 'arn:aws:ecs:us-east-1:1:task-definition/web';
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const reasons = {
  stoppedTasks: [],
  events: [],
  targetHealth: [],
  problems: [],
  probe: [],
  waitingFor: [],
};

/** Our deployment ecs-svc/2 rolled back; the verdict saw the rollback deployment or not. */
function rolledBack(rollbackId?: string): FollowResult {
  return {
    outcome: 'rolled-back',
    verdict: {
      kind: 'rolled-back',
      deployment: { id: 'ecs-svc/2', taskDefinition: `${TD}:4` },
      ...(rollbackId === undefined
        ? {}
        : { rollback: { id: rollbackId, taskDefinition: `${TD}:3` } }),
      message: 'rolled back',
      reasons,
    },
    label: 'demo/web',
    startedAt: 1_000,
    endedAt: 20_000,
    polls: 5,
    timeline: [],
    reasons,
    message: 'demo/web: rolled-back',
  };
}

/** What following the rollback deployment `id` ended with, at `endedAt`. */
function followed(id: string, outcome: Outcome, endedAt: number): FollowResult {
  return {
    outcome,
    label: 'demo/web',
    deployment: { id, taskDefinition: `${TD}:3` },
    startedAt: 20_000,
    endedAt,
    polls: 3,
    timeline: [],
    reasons,
    message: `demo/web: ${outcome} after a while`,
  };
}

interface Harness {
  deps: RollbackDeps;
  followedIds: string[];
  warnings: string[];
  describeCalls: unknown[];
}

function harness(options: {
  outcome?: Outcome;
  service?: ServiceObservation;
  describeFails?: boolean;
}): Harness {
  const followedIds: string[] = [];
  const warnings: string[] = [];
  const describeCalls: unknown[] = [];
  const ecs = {
    describeTaskDefinition: (input: unknown) => {
      describeCalls.push(input);
      if (options.describeFails === true)
        return Promise.reject(new Error('AccessDeniedException: not allowed'));
      return Promise.resolve({
        taskDefinition: {
          containerDefinitions: [{ name: 'app', image: `r.example.com/web@${DIGEST}` }],
        },
        tags: [{ key: 'ecs-deploy:commit', value: 'c'.repeat(40) }],
        $metadata: {},
      });
    },
  } as unknown as EcsApi;
  const deps: RollbackDeps = {
    ecs,
    clock: { now: () => 99_000, sleep: () => Promise.resolve() },
    warning: (line) => warnings.push(line),
    readService: () => Promise.resolve(options.service),
    follow: (id) => {
      followedIds.push(id);
      return Promise.resolve(followed(id, options.outcome ?? 'healthy', 80_000));
    },
  };
  return { deps, followedIds, warnings, describeCalls };
}

describe('confirmRollback', () => {
  it('follows the rollback deployment the verdict saw and reads its revision with tags', async () => {
    const h = harness({});
    const c = await confirmRollback(h.deps, rolledBack('ecs-svc/3'), 5_000);
    expect(h.followedIds).toEqual(['ecs-svc/3']);
    expect(h.describeCalls).toEqual([{ taskDefinition: `${TD}:3`, include: ['TAGS'] }]);
    expect(c).toEqual({
      result: 'healthy',
      deployment: { id: 'ecs-svc/3', taskDefinition: `${TD}:3` },
      taskDefinitionArn: `${TD}:3`,
      revision: {
        taskDefinitionArn: `${TD}:3`,
        images: { app: `r.example.com/web@${DIGEST}` },
        commit: 'c'.repeat(40),
      },
      degradedMs: 75_000,
      degradedFrom: 'first-stopped-task',
      detail: 'demo/web: healthy after a while',
    });
    expect(rollbackOutputs({ ...rolledBack('ecs-svc/3'), rollback: c })).toEqual({
      'rollback-result': 'healthy',
      'rollback-task-definition-arn': `${TD}:3`,
      'rollback-images': JSON.stringify({ app: DIGEST }),
      'rollback-commit': 'c'.repeat(40),
      'degraded-seconds': 75,
    });
  });

  it.each<[Outcome, string]>([
    ['timed-out', 'timed-out'],
    ['failed', 'failed'],
  ])(
    'reports a rollback that ended %s as %s, degraded until the wait ended',
    async (outcome, r) => {
      const h = harness({ outcome });
      const c = await confirmRollback(h.deps, rolledBack('ecs-svc/3'), undefined);
      expect(c.result).toBe(r);
      expect(c.degradedFrom).toBe('wait-start');
      expect(c.degradedMs).toBe(79_000);
    },
  );

  it('finds the rollback deployment in DescribeServices when the verdict did not see it', async () => {
    const h = harness({
      service: {
        deployments: [
          { id: 'ecs-svc/3', status: 'PRIMARY', taskDefinition: `${TD}:3` },
          { id: 'ecs-svc/2', status: 'ACTIVE', taskDefinition: `${TD}:4` },
        ],
      },
    });
    const c = await confirmRollback(h.deps, rolledBack(), 5_000);
    expect(h.followedIds).toEqual(['ecs-svc/3']);
    expect(c.result).toBe('healthy');
  });

  it('reports failed, following nothing, when no rollback deployment is found', async () => {
    const h = harness({
      service: { deployments: [{ id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: `${TD}:4` }] },
    });
    const c = await confirmRollback(h.deps, rolledBack(), undefined);
    expect(h.followedIds).toEqual([]);
    expect(c).toEqual({
      result: 'failed',
      degradedMs: 98_000,
      degradedFrom: 'wait-start',
      detail: 'no deployment other than ours is PRIMARY',
    });
    expect(rollbackOutputs({ ...rolledBack(), rollback: c })['rollback-task-definition-arn']).toBe(
      '',
    );
  });

  it('keeps the verdict with one warning when the revision cannot be read', async () => {
    const h = harness({ describeFails: true });
    const c = await confirmRollback(h.deps, rolledBack('ecs-svc/3'), 5_000);
    expect(c.result).toBe('healthy');
    expect(c.revision).toBeUndefined();
    expect(c.taskDefinitionArn).toBe(`${TD}:3`);
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toContain('ecs:DescribeTaskDefinition');
    expect(rollbackOutputs({ ...rolledBack(), rollback: c })).toMatchObject({
      'rollback-task-definition-arn': `${TD}:3`,
      'rollback-images': '',
      'rollback-commit': '',
    });
  });
});

describe('rollbackOutputs', () => {
  it('is all empty without a rollback or a result', () => {
    const empty = {
      'rollback-result': '',
      'rollback-task-definition-arn': '',
      'rollback-images': '',
      'rollback-commit': '',
      'degraded-seconds': '',
    };
    expect(rollbackOutputs(undefined)).toEqual(empty);
    expect(rollbackOutputs(rolledBack())).toEqual(empty);
  });
});
