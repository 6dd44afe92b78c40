import { describe, expect, it } from '@jest/globals';
import type { TaskDefinitionDocument } from '@ecs-deploy/task-definition';
import type { Revision } from '../src/history.js';
import {
  alreadyThere,
  pinnedImage,
  planDigestMode,
  planRevisionMode,
  type Plan,
} from '../src/plan.js';
import { rollbackTags } from '../src/tags.js';
import type { Target } from '../src/target.js';
import { D, taskDefinitionArn } from './fixtures.js';

const LIVE: TaskDefinitionDocument = {
  taskDefinitionArn: taskDefinitionArn('v3'),
  revision: 3,
  status: 'ACTIVE',
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '512',
  memory: '1024',
  containerDefinitions: [
    {
      name: 'app',
      image: `registry.test/web:v3`,
      environment: [{ name: 'FEATURE', value: 'on' }],
    },
    { name: 'sidecar', image: `registry.test/proxy@${D('p2')}` },
  ],
};

function revision(version: string, image = `registry.test/web:${version}`): Revision {
  return {
    arn: `rev/${version}`,
    taskDefinitionArn: taskDefinitionArn(version),
    containers: new Map([['app', { image, digest: D(version) }]]),
  };
}

function target(digests: Record<string, string>, rev?: Revision): Target {
  return { digests, ...(rev === undefined ? {} : { revision: rev }), description: 'test' };
}

describe('pinnedImage', () => {
  it.each([
    ['registry.test/web:v1', 'registry.test/web@'],
    [`registry.test:5000/team/web@${D('x')}`, 'registry.test:5000/team/web@'],
    ['nginx:1.27', 'nginx@'],
  ])('%s', (image, prefix) => {
    expect(pinnedImage(image, D('v1'))).toBe(`${prefix}${D('v1')}`);
  });
});

describe('planDigestMode', () => {
  it('re-renders the live definition: digests change, configuration stays, read-only fields go', () => {
    const plan = planDigestMode(
      LIVE,
      taskDefinitionArn('v3'),
      target({ app: D('v1') }, revision('v1')),
    );
    expect(plan.images).toEqual({ app: `registry.test/web@${D('v1')}` });
    const [app, sidecar] = plan.definition.containerDefinitions as {
      image: string;
      environment?: unknown;
    }[];
    expect(app?.image).toBe(`registry.test/web@${D('v1')}`);
    expect(app?.environment).toEqual([{ name: 'FEATURE', value: 'on' }]);
    expect(sidecar?.image).toBe(`registry.test/proxy@${D('p2')}`);
    expect(plan.definition).not.toHaveProperty('taskDefinitionArn');
    expect(plan.definition).toMatchObject({ cpu: '512', memory: '1024' });
    expect(plan.changes.map((c) => c.path)).toEqual(['containerDefinitions[name=app].image']);
    expect(plan.patch).toContain(`+      "image": "registry.test/web@${D('v1')}"`);
  });

  it('reads the repository from the earlier revision, where the digest lives', () => {
    const plan = planDigestMode(
      LIVE,
      taskDefinitionArn('v3'),
      target({ app: D('v1') }, revision('v1', 'old.registry.test/legacy/web:v1')),
    );
    expect(plan.images.app).toBe(`old.registry.test/legacy/web@${D('v1')}`);
  });

  it('warns about a container the live definition no longer has, and fails when none is left', () => {
    const plan = planDigestMode(LIVE, 'web:3', target({ app: D('v1'), worker: D('w1') }));
    expect(plan.warnings).toEqual([expect.stringContaining('container worker ran')]);
    expect(() => planDigestMode(LIVE, 'web:3', target({ worker: D('w1') }))).toThrow(
      /None of the containers/,
    );
  });
});

describe('planRevisionMode', () => {
  it('points at the revision that ran the target', () => {
    expect(planRevisionMode(target({ app: D('v1') }, revision('v1')))).toEqual({
      mode: 'revision',
      taskDefinitionArn: taskDefinitionArn('v1'),
    });
  });

  it('needs an earlier deployment (a forced digest has none)', () => {
    expect(() => planRevisionMode(target({ app: D('v9') }))).toThrow(
      /needs an earlier deployment that ran the digests/,
    );
  });
});

describe('alreadyThere (the no-op)', () => {
  const digestPlan: Plan = planDigestMode(LIVE, 'web:3', target({ app: D('v1') }));
  const revisionPlan: Plan = { mode: 'revision', taskDefinitionArn: taskDefinitionArn('v1') };
  it.each([
    ['runs the target digest', { app: D('v1'), sidecar: D('p2') }, digestPlan, 'web:9', true],
    ['runs another digest', { app: D('v2') }, digestPlan, 'web:9', false],
    ['runs nothing known', {}, digestPlan, 'web:9', false],
    [
      'revision: the same digest on another revision',
      { app: D('v1') },
      revisionPlan,
      'web:9',
      false,
    ],
    [
      'revision: the target revision',
      { app: D('v1') },
      revisionPlan,
      taskDefinitionArn('v1'),
      true,
    ],
  ] as [string, Record<string, string>, Plan, string, boolean][])(
    '%s',
    (_name, running, plan, live, expected) => {
      expect(alreadyThere(running, live, target({ app: D('v1') }), plan)).toBe(expected);
    },
  );
});

describe('rollbackTags', () => {
  it('replaces our own tags of the live revision and records where it came from', () => {
    const tags = rollbackTags({
      liveTags: [
        { key: 'team', value: 'payments' },
        { key: 'ecs-deploy:commit', value: 'old' },
      ],
      fromArn: taskDefinitionArn('v3'),
      toDeploymentArn: 'arn:aws:ecs:us-east-1:1:service-deployment/c/web/abc',
      digests: { app: D('v1') },
      commit: 'c0ffee1',
      extra: new Map([['ticket', 'INC-1']]),
      env: {
        GITHUB_SERVER_URL: 'https://github.example',
        GITHUB_REPOSITORY: 'octo/app',
        GITHUB_RUN_ID: '7',
        GITHUB_SHA: 'abc',
        GITHUB_ACTOR: 'octocat {bot}',
      },
      service: 'demo/web',
    });
    expect(Object.fromEntries(tags.map((t) => [t.key, t.value]))).toEqual({
      team: 'payments',
      'ecs-deploy:rollback-from': 'web:3',
      'ecs-deploy:rollback-to': 'arn:aws:ecs:us-east-1:1:service-deployment/c/web/abc',
      'ecs-deploy:digest:app': D('v1'),
      'ecs-deploy:service': 'demo/web',
      'ecs-deploy:run': 'https://github.example/octo/app/actions/runs/7',
      'ecs-deploy:commit': 'c0ffee1',
      'ecs-deploy:actor': 'octocat _bot_',
      ticket: 'INC-1',
    });
  });

  it('leaves the commit out when the target’s is unknown (an explicit digest), never the run’s own', () => {
    const tags = rollbackTags({
      liveTags: [{ key: 'ecs-deploy:commit', value: 'old' }],
      fromArn: taskDefinitionArn('v3'),
      digests: { app: D('v1') },
      extra: new Map(),
      env: { GITHUB_SHA: 'abc' },
      service: 'demo/web',
    });
    expect(tags.find((t) => t.key === 'ecs-deploy:commit')).toBeUndefined();
  });
});
