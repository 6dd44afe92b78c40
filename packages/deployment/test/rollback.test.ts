import { describe, expect, it } from '@jest/globals';
import {
  degradedWindow,
  findRollbackDeployment,
  outcomeError,
  outputImage,
  renderSummary,
  rollbackLine,
  rollbackResultOf,
  rollbackRevision,
  shortImage,
  type FollowResult,
  type Outcome,
  type RollbackConfirmation,
  type ServiceObservation,
} from '../src/index.js';
import { emptyReasons } from '../src/verdict.js';

const TD = 'arn:aws:ecs:us-east-1:1:task-definition/web';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

/** A rolled-back result of our deployment ecs-svc/2 (web:4). */
function rolledBack(
  rollback?: { id: string; taskDefinition?: string },
  rolledBackTo?: string,
): FollowResult {
  return {
    outcome: 'rolled-back',
    verdict: {
      kind: 'rolled-back',
      deployment: { id: 'ecs-svc/2', taskDefinition: `${TD}:4` },
      ...(rollback === undefined ? {} : { rollback }),
      ...(rolledBackTo === undefined ? {} : { rolledBackTo }),
      message: 'ECS rolled back deployment ecs-svc/2 (web:4).',
      reasons: emptyReasons(),
    },
    label: 'demo/web',
    deployment: { id: 'ecs-svc/2', taskDefinition: `${TD}:4` },
    startedAt: 0,
    endedAt: 60_000,
    polls: 10,
    timeline: [{ at: 0, text: 'started following' }],
    reasons: emptyReasons(),
    message: 'demo/web: rolled-back after 1 min',
  };
}

function service(deployments: ServiceObservation['deployments']): ServiceObservation {
  return { serviceName: 'web', status: 'ACTIVE', deployments };
}

describe('rollbackResultOf', () => {
  it.each<[Outcome, string]>([
    ['healthy', 'healthy'],
    ['scaled-to-zero', 'failed'],
    ['failed', 'failed'],
    ['rolled-back', 'failed'],
    ['timed-out', 'timed-out'],
    ['cancelled', 'timed-out'],
    ['error', 'timed-out'],
  ])('%s → %s', (outcome, expected) => {
    expect(rollbackResultOf(outcome)).toBe(expected);
  });
});

describe('findRollbackDeployment', () => {
  const ours = { id: 'ecs-svc/2', status: 'ACTIVE', taskDefinition: `${TD}:4` };
  const old = { id: 'ecs-svc/1', status: 'ACTIVE', taskDefinition: `${TD}:3` };
  const rollbackPrimary = {
    id: 'ecs-svc/3',
    status: 'PRIMARY',
    taskDefinition: `${TD}:3`,
    rolloutStateReason: 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.',
  };
  it.each<[string, FollowResult, ServiceObservation | undefined, string | undefined]>([
    ['the one the verdict saw', rolledBack({ id: 'ecs-svc/3' }), undefined, 'ecs-svc/3'],
    [
      'none when the verdict saw none and the service is unread',
      rolledBack(),
      undefined,
      undefined,
    ],
    [
      'the PRIMARY that says it rolls back',
      rolledBack(undefined, 'ecs-svc/1'),
      service([rollbackPrimary, ours]),
      'ecs-svc/3',
    ],
    [
      'the PRIMARY running the task definition rolled back to',
      rolledBack(undefined, 'ecs-svc/1'),
      service([{ ...rollbackPrimary, rolloutStateReason: undefined }, ours, old]),
      'ecs-svc/3',
    ],
    [
      'not a PRIMARY running something else',
      rolledBack(undefined, 'ecs-svc/1'),
      service([{ id: 'ecs-svc/9', status: 'PRIMARY', taskDefinition: `${TD}:9` }, ours, old]),
      undefined,
    ],
    ['not our own deployment', rolledBack(), service([{ ...ours, status: 'PRIMARY' }]), undefined],
    [
      'any other PRIMARY when the target is unknown',
      rolledBack(),
      service([rollbackPrimary]),
      'ecs-svc/3',
    ],
  ])('%s', (_name, result, svc, expected) => {
    expect(findRollbackDeployment(result, svc)?.id).toBe(expected);
  });

  it('nothing for a result that is not rolled-back', () => {
    const healthy: FollowResult = { ...rolledBack(), outcome: 'healthy' };
    delete healthy.verdict;
    expect(findRollbackDeployment(healthy, service([rollbackPrimary]))).toBeUndefined();
  });
});

describe('rollbackRevision', () => {
  it('takes the images in order and the commit and run tags', () => {
    expect(
      rollbackRevision(
        `${TD}:3`,
        {
          containerDefinitions: [
            { name: 'app', image: `r/web@${DIGEST}` },
            { name: 'sidecar', image: 'envoy:1.30' },
            { name: 'noimage' },
          ],
        },
        [
          { key: 'ecs-deploy:commit', value: 'a'.repeat(40) },
          { key: 'ecs-deploy:run', value: 'https://github.com/acme/api/actions/runs/42' },
          { key: 'team', value: 'web' },
        ],
      ),
    ).toEqual({
      taskDefinitionArn: `${TD}:3`,
      images: { app: `r/web@${DIGEST}`, sidecar: 'envoy:1.30' },
      commit: 'a'.repeat(40),
      run: 'https://github.com/acme/api/actions/runs/42',
    });
  });

  it('leaves out tags that are absent or empty', () => {
    expect(rollbackRevision(`${TD}:3`, {}, [{ key: 'ecs-deploy:commit', value: '' }])).toEqual({
      taskDefinitionArn: `${TD}:3`,
      images: {},
    });
  });
});

describe('outputImage and shortImage', () => {
  const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
  it.each([
    [`${ECR}/team/web@${DIGEST}`, DIGEST, 'sha256:0123456789ab…'],
    [`${ECR}/team/web:v2`, 'team/web:v2', 'team/web:v2'],
    ['localhost/web:v2', 'web:v2', 'web:v2'],
    ['registry.sim.invalid:5000/web:v2', 'web:v2', 'web:v2'],
    ['library/nginx:1.27', 'library/nginx:1.27', 'library/nginx:1.27'],
    ['nginx', 'nginx', 'nginx'],
    ['team/web@sha512:xyz', 'team/web@sha512:xyz', 'team/web@sha512:xyz'],
  ])('%s → %s (log: %s)', (image, output, short) => {
    expect(outputImage(image)).toBe(output);
    expect(shortImage(image)).toBe(short);
  });
});

describe('degradedWindow', () => {
  it.each([
    [1_000, 5_000, 65_000, { degradedMs: 60_000, degradedFrom: 'first-stopped-task' }],
    [1_000, undefined, 65_000, { degradedMs: 64_000, degradedFrom: 'wait-start' }],
    [1_000, 70_000, 65_000, { degradedMs: 0, degradedFrom: 'first-stopped-task' }],
  ])('wait %d, first stop %s, until %d', (start, stopped, until, expected) => {
    expect(degradedWindow(start, stopped, until)).toEqual(expected);
  });
});

const healthy: RollbackConfirmation = {
  result: 'healthy',
  deployment: { id: 'ecs-svc/3', taskDefinition: `${TD}:3` },
  taskDefinitionArn: `${TD}:3`,
  revision: {
    taskDefinitionArn: `${TD}:3`,
    images: { app: `r/web@${DIGEST}` },
    commit: 'abc1234def',
    run: 'https://github.com/acme/api/actions/runs/41',
  },
  degradedMs: 130_000,
  degradedFrom: 'first-stopped-task',
  detail: 'demo/web: healthy after 1 min',
};

describe('rollbackLine', () => {
  it.each<[string, RollbackConfirmation, string]>([
    [
      'healthy',
      healthy,
      'Rollback confirmed: demo/web is healthy again on web:3 (commit abc1234, app=sha256:0123456789ab…) after 2 min 10 s degraded',
    ],
    [
      'timed out, revision unread',
      {
        ...healthy,
        result: 'timed-out',
        revision: undefined,
        degradedMs: 600_000,
        detail: 'demo/web: timed-out after 10 min',
      },
      'Rollback NOT confirmed: demo/web is still not healthy on web:3 after 10 min degraded; rollback deployment ecs-svc/3 timed-out (demo/web: timed-out after 10 min)',
    ],
    [
      'no rollback deployment',
      {
        result: 'failed',
        degradedMs: 5_000,
        degradedFrom: 'wait-start',
        detail: 'no deployment other than ours is PRIMARY',
      },
      'Rollback NOT confirmed: demo/web is still degraded after 5 s: no rollback deployment of ECS was found (no deployment other than ours is PRIMARY)',
    ],
  ])('%s', (_name, confirmation, line) => {
    expect(rollbackLine('demo/web', confirmation)).toBe(line);
  });
});

describe('renderSummary with a rollback', () => {
  it('adds the rollback section, with revision, commit, run and images', () => {
    const md = renderSummary({ ...rolledBack({ id: 'ecs-svc/3' }), rollback: healthy });
    expect(md).toContain('**Rollback by ECS**');
    expect(md).toContain('- ✅ confirmed: the service is healthy again');
    expect(md).toContain(
      '- Degraded: 2 min 10 s (from the first stopped task of this deployment until the rollback was healthy)',
    );
    expect(md).toContain('- Revision: web:3');
    expect(md).toContain(
      '- Commit: `abc1234def` ([run](https://github.com/acme/api/actions/runs/41))',
    );
    expect(md).toContain(`- Image of app: \`r/web@${DIGEST}\``);
  });

  it('says why when not confirmed, and nothing without a rollback', () => {
    const md = renderSummary({
      ...rolledBack(),
      rollback: { ...healthy, result: 'failed', detail: 'demo/web: failed <after> 1 min' },
    });
    expect(md).toContain('- ❌ not confirmed (failed)');
    expect(md).toContain('- demo/web: failed &lt;after&gt; 1 min');
    expect(md).toContain('until the wait ended');
    expect(renderSummary(rolledBack())).not.toContain('Rollback by ECS');
  });
});

describe('outcomeError after a followed rollback', () => {
  const hintOf = (result: FollowResult): string =>
    (outcomeError(result) as Error & { hint?: string }).hint ?? '';

  it.each<[string, RollbackConfirmation | undefined, RegExp]>([
    ['not followed', undefined, /already put the service back on web:3; no rollback step/],
    ['confirmed', healthy, /back on web:3, and it is healthy again; no rollback step/],
    [
      'not confirmed',
      { ...healthy, result: 'timed-out' },
      /rollback to web:3 did not end healthy \(rollback-result: timed-out\).*rollback-digest/,
    ],
  ])('%s', (_name, rollback, hint) => {
    const result = rolledBack({ id: 'ecs-svc/3', taskDefinition: `${TD}:3` });
    expect(hintOf(rollback === undefined ? result : { ...result, rollback })).toMatch(hint);
  });
});
