// Each action's README lists, under "Permissions", every IAM action it may need. Here each
// action's bundle runs a representative set of its scenarios (happy paths and the main optional
// paths) against a simulator of its own with the embedded registry, and the IAM actions they used
// — the simulator's request log (service:Operation) and the registry requests mapped to IAM
// actions (permissions-table.ts) — must be exactly the table's observable rows: every one used is
// listed, every one listed is used. So the lists cannot drift from the code.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SEED, type Seed } from '@ecs-deploy/aws-sim';
import { buildImage, ociArchiveBytes, writeOciLayout } from '@ecs-deploy/oci';
import { REPO_ROOT, actionDir, runStep, type StepResult } from '@ecs-deploy/runner-harness';
import {
  permissionsOf,
  registryPermissions,
  tableProblems,
  workflowIam,
  workflowProblems,
  type Observed,
  type PermissionRow,
} from './permissions-table.js';
import { GITHUB_ENV, describeStep, errorAnnotations, type ActionName } from './support.js';
import { startWorld, type World } from './world.js';

const SPEED = 60;
const POLL = { 'poll-min-interval': '500ms', 'poll-max-interval': '1s', timeout: '90s' };
const SEED: Seed = {
  ...DEFAULT_SEED,
  timings: { healthyWithoutChecksSeconds: 5 },
  repositories: [
    { name: 'web', imageTagMutability: 'MUTABLE', images: [{ tag: 'v1' }] },
    { name: 'team/api', imageTagMutability: 'IMMUTABLE' },
  ],
};
const ROLES = {
  taskRoleArn: 'arn:aws:iam::123456789012:role/web-task',
  executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
};

type Name = ActionName | 'check-workflows';

/** The Permissions table of an action's README. */
function table(action: Name): ReturnType<typeof permissionsOf> {
  const readme = readFileSync(`${REPO_ROOT}actions/${action}/README.md`, 'utf8');
  return permissionsOf(readme, `actions/${action}/README.md`);
}

/**
 * The IAM service prefix of a simulator service name: CloudWatch's endpoint and signing name is
 * `monitoring`, its IAM actions are `cloudwatch:…`.
 */
function iamPrefix(service: string): string {
  return service === 'monitoring' ? 'cloudwatch' : service;
}

/** Collects what the steps of one action used, and only those steps. */
class Recorder {
  readonly api = new Set<string>();
  readonly registry = new Set<string>();
  constructor(private readonly world: World) {}

  /** Runs `run` (steps of the action under test) and records every call made meanwhile. */
  async record<T>(run: () => Promise<T>): Promise<T> {
    const mark = this.world.sim.log.mark();
    const served = this.world.registry.requests.length;
    try {
      return await run();
    } finally {
      for (const entry of this.world.sim.log.entries({ afterSeq: mark }))
        this.api.add(`${iamPrefix(entry.service)}:${entry.operation}`);
      for (const request of this.world.registry.requests.slice(served))
        for (const action of registryPermissions(request)) this.registry.add(action);
    }
  }

  get observed(): Observed {
    return { api: this.api, registry: this.registry };
  }
}

function expectOutcome(result: StepResult, outcome: 'success' | 'failure'): void {
  const ok = result.exitCode === 0 && errorAnnotations(result).length === 0;
  const got = ok ? 'success' : 'failure';
  expect({ outcome: got, step: got === outcome ? '' : describeStep(result) }).toEqual({
    outcome,
    step: '',
  });
}

/** A Fargate definition of family `web` with container `app` on `image`, with the task roles. */
function definition(world: World, file: string, image: string): string {
  return world.writeTaskDefinition(file, image, ROLES);
}

/**
 * The same, its container logging to CloudWatch Logs (awslogs): when its deployment fails, the
 * wait reads the task definition and the last lines of the stopped tasks' streams.
 */
function loggedDefinition(world: World, file: string, image: string): string {
  return world.writeTaskDefinition(file, image, {
    ...ROLES,
    containerDefinitions: [
      {
        name: 'app',
        image,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'web' },
        },
      },
    ],
  });
}

describe('every action lists the IAM actions its scenarios use (README › Permissions)', () => {
  it.each<Name>([
    'compute-image-tag',
    'push-ecr-digest',
    'render-task-def',
    'ecs-rolling-deploy',
    'wait-healthy',
    'rollback-digest',
    'ecs-run-task',
    'check-workflows',
  ])('%s has a well-formed Permissions section', (action) => {
    expect(() => table(action)).not.toThrow();
    for (const row of table(action))
      expect(row.seen.length > 0 || (row.unobservable ?? '') !== '').toBe(true);
  });
});

describe('the example workflows name what their actions need', () => {
  const files = readdirSync(`${REPO_ROOT}workflows-examples`).filter((f) => f.endsWith('.yml'));
  const read = (file: string): ReturnType<typeof workflowIam> =>
    workflowIam(readFileSync(`${REPO_ROOT}workflows-examples/${file}`, 'utf8'));
  it.each(files)('workflows-examples/%s', (file) => {
    const { named, refers, uses } = read(file);
    // A workflow that shares another's roles ("see deploy.yml") is covered by that one's list.
    const shared = new Set(
      [...refers].filter((o) => o !== file && files.includes(o)).flatMap((o) => [...read(o).named]),
    );
    expect(uses.size).toBeGreaterThan(0);
    const tables = new Map([...uses].map((action) => [action, table(action as Name)]));
    expect(workflowProblems(named, tables, shared)).toEqual([]);
  });
});

describe('permissions-table', () => {
  const README = [
    '# x',
    '',
    '## Permissions',
    '',
    'Prose.',
    '',
    '| IAM action | When | In the simulator |',
    '| --- | --- | --- |',
    '| `ecr:DescribeRepositories` | always | API |',
    '| `ecr:PutImage` | pushes | API, registry |',
    '| `iam:PassRole` | with roles | not observable: an authorisation check |',
    '',
    '## Usage',
    '',
    '| Input | Required |',
    '| --- | --- |',
  ].join('\n');

  it('parses the table of the Permissions section only', () => {
    expect(permissionsOf(README, 'x')).toEqual([
      { action: 'ecr:DescribeRepositories', when: 'always', seen: ['API'] },
      { action: 'ecr:PutImage', when: 'pushes', seen: ['API', 'registry'] },
      {
        action: 'iam:PassRole',
        when: 'with roles',
        seen: [],
        unobservable: 'an authorisation check',
      },
    ]);
    expect(permissionsOf('## Permissions\n\nNone.\n', 'x')).toEqual([]);
  });

  it.each([
    ['no section', README.replace('## Permissions', '## Rights'), 'no "## Permissions" section'],
    ['another header', README.replace('| When |', '| Why |'), 'header is not'],
    ['a bare action', README.replace('`ecr:PutImage`', 'PutImage'), 'malformed Permissions row'],
    ['an empty when', README.replace('| pushes |', '|  |'), 'malformed Permissions row'],
    ['an unknown kind', README.replace('API, registry', 'CLI'), '"CLI" is not API, registry'],
    ['a reason-less mark', README.replace(': an authorisation check', ''), 'is not API'],
  ])('refuses %s', (_name, text, message) => {
    expect(() => permissionsOf(text, 'x')).toThrow(message);
  });

  it.each<[string, string[]]>([
    ['GET /v2/', []],
    ['HEAD /v2/team/api/blobs/sha256:aa', ['ecr:BatchCheckLayerAvailability']],
    ['GET /v2/team/api/blobs/sha256:aa', ['ecr:GetDownloadUrlForLayer']],
    ['POST /v2/team/api/blobs/uploads/', ['ecr:InitiateLayerUpload']],
    ['PATCH /v2/team/api/blobs/uploads/1f2e', ['ecr:UploadLayerPart']],
    ['PUT /v2/team/api/blobs/uploads/1f2e', ['ecr:UploadLayerPart', 'ecr:CompleteLayerUpload']],
    ['HEAD /v2/web/manifests/v1', ['ecr:BatchGetImage']],
    ['GET /v2/a/b/c/manifests/sha256:aa', ['ecr:BatchGetImage']],
    ['PUT /v2/web/manifests/dev-1', ['ecr:PutImage']],
    ['DELETE /v2/web/manifests/sha256:aa', ['ecr:BatchDeleteImage']],
    ['GET /v2/web/tags/list', ['ecr:ListImages']],
  ])('maps the registry request %s', (request, actions) => {
    expect(registryPermissions(request)).toEqual(actions);
  });

  it.each(['GET /v2/_catalog', 'DELETE /v2/web/blobs/uploads/1f2e', 'POST /v2/web/manifests/x'])(
    'has no IAM action for %s, and says so',
    (request) => {
      expect(() => registryPermissions(request)).toThrow('no IAM action is known');
    },
  );

  const rows: PermissionRow[] = [
    { action: 'ecr:DescribeRepositories', when: 'always', seen: ['API'] },
    { action: 'ecr:PutImage', when: 'pushes', seen: ['API', 'registry'] },
    { action: 'iam:PassRole', when: 'roles', seen: [], unobservable: 'a check' },
  ];
  it.each<[string, string[], string[], string[]]>([
    ['agreement', ['ecr:DescribeRepositories', 'ecr:PutImage'], ['ecr:PutImage'], []],
    [
      'a call not listed',
      ['ecr:DescribeRepositories', 'ecr:PutImage', 'ecr:DescribeImages'],
      ['ecr:PutImage'],
      ['ecr:DescribeImages is used (API) but not listed'],
    ],
    [
      'a row never used',
      ['ecr:PutImage'],
      ['ecr:PutImage'],
      ['ecr:DescribeRepositories is listed (API) but no scenario used it that way'],
    ],
    [
      'used another way than listed',
      ['ecr:DescribeRepositories', 'ecr:PutImage'],
      ['ecr:PutImage', 'ecr:DescribeRepositories'],
      ['ecr:DescribeRepositories is used (registry) but its row says "API"'],
    ],
    [
      'an unobservable row that shows up',
      ['ecr:DescribeRepositories', 'ecr:PutImage', 'iam:PassRole'],
      ['ecr:PutImage'],
      ['iam:PassRole is used (API) but its row says ""'],
    ],
  ])('tableProblems: %s', (_name, api, registry, problems) => {
    expect(tableProblems(rows, { api: new Set(api), registry: new Set(registry) })).toEqual(
      problems,
    );
  });

  it('workflowProblems: a stale name and a missing always-needed action', () => {
    const { named, uses } = workflowIam(
      [
        '# allows: ecr:PutImage, ecr:DescribeImages',
        'jobs:',
        '  - uses: your-org/ecs-deploy-actions/actions/push-ecr-digest@v1',
      ].join('\n'),
    );
    expect([...uses]).toEqual(['push-ecr-digest']);
    expect(workflowProblems(named, new Map([['push-ecr-digest', rows]]))).toEqual([
      "ecr:DescribeImages is named, but no used action's Permissions lists it",
      'ecr:DescribeRepositories (push-ecr-digest: always) is not named',
    ]);
  });
});

describe('the actions with no AWS call', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(SEED, SPEED);
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  it('compute-image-tag calls nothing and lists nothing', async () => {
    const recorder = new Recorder(world);
    await recorder.record(async () => {
      expectOutcome(await world.step('compute-image-tag', { environment: 'dev' }), 'success');
      expectOutcome(
        await world.step('compute-image-tag', { format: '{branch}-{sha}', 'extra-tags': 'latest' }),
        'success',
      );
    });
    expect(tableProblems(table('compute-image-tag'), recorder.observed)).toEqual([]);
    expect(table('compute-image-tag')).toEqual([]);
  });

  it('check-workflows calls nothing and lists nothing', async () => {
    const recorder = new Recorder(world);
    const dir = join(world.workspace, '.github', 'workflows');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'deploy.yml'),
      readFileSync(`${REPO_ROOT}workflows-examples/deploy.yml`, 'utf8'),
    );
    const result = await recorder.record(() =>
      runStep({
        actionDir: actionDir('check-workflows'),
        inputs: {},
        cwd: world.workspace,
        env: { ...world.sim.env, ...GITHUB_ENV },
      }),
    );
    try {
      expectOutcome(result, 'success');
    } finally {
      result.cleanup();
    }
    expect(tableProblems(table('check-workflows'), recorder.observed)).toEqual([]);
    expect(table('check-workflows')).toEqual([]);
  });
});

describe('push-ecr-digest', () => {
  let world: World;
  const app = buildImage({ layers: [{ 'app/main.py': 'print("permissions")\n' }] });
  const other = buildImage({ layers: [{ 'app/main.py': 'print("archive")\n' }] });
  beforeAll(async () => {
    world = await startWorld(SEED, SPEED);
    await writeOciLayout(join(world.workspace, 'layout'), app);
    writeFileSync(join(world.workspace, 'image.tar'), ociArchiveBytes(other));
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  it('pushes (layout, archive, Docker CLI), creates a repository, promotes by tag and digest', async () => {
    const recorder = new Recorder(world);
    const push = (
      inputs: Record<string, string>,
      env: Record<string, string> = {},
    ): Promise<StepResult> => recorder.record(() => world.step('push-ecr-digest', inputs, { env }));
    expectOutcome(
      await push({ repository: 'team/api', 'oci-layout': 'layout', tags: 'dev-1' }),
      'success',
    );
    // A re-run: every blob and the tag are already there.
    expectOutcome(
      await push({ repository: 'team/api', 'oci-layout': 'layout', tags: 'dev-1' }),
      'success',
    );
    expectOutcome(
      await push({ repository: 'web', 'oci-archive': 'image.tar', tags: 'archive-1' }),
      'success',
    );
    expectOutcome(
      await push({
        repository: 'team/new',
        'oci-layout': 'layout',
        tags: 'a',
        'create-repository': 'true',
        'image-tag-mutability': 'IMMUTABLE',
      }),
      'success',
    );
    expectOutcome(
      await push({ repository: 'team/api', 'source-tag': 'dev-1', tags: 'prod-1' }),
      'success',
    );
    expectOutcome(
      await push({ repository: 'team/api', 'source-digest': app.root.digest, tags: 'prod-2' }),
      'success',
    );
    // The Docker CLI path, with a stand-in docker that reports the digest a push would.
    const bin = join(world.workspace, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      join(bin, 'docker'),
      [
        '#!/bin/bash',
        'if [ "$1" = login ]; then cat > /dev/null; echo "Login Succeeded"; fi',
        `if [ "$1" = push ]; then echo "local-1: digest: ${app.root.digest} size: 1234"; fi`,
        'exit 0',
      ].join('\n'),
    );
    chmodSync(join(bin, 'docker'), 0o755);
    expectOutcome(
      await push(
        { repository: 'team/api', 'local-image': 'api:build', tags: 'dev-1' },
        { PATH: `${bin}:${process.env.PATH ?? ''}` },
      ),
      'success',
    );
    expect(tableProblems(table('push-ecr-digest'), recorder.observed)).toEqual([]);
  }, 120_000);
});

describe('render-task-def', () => {
  let world: World;
  let digest = '';
  beforeAll(async () => {
    world = await startWorld(SEED, SPEED);
    digest = await world.sim.pushImage({ repository: 'web', tag: 'v2' });
    world.writeTaskDefinition('base.json', '<IMAGE>');
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  it('renders from a file, a family and an ARN; derives the registry; compares with a service and a family', async () => {
    const recorder = new Recorder(world);
    const render = (inputs: Record<string, string>): Promise<StepResult> =>
      recorder.record(() => world.step('render-task-def', inputs));
    const image = `${world.host}/web@${digest}`;
    const cases: Record<string, string>[] = [
      { 'task-definition': 'base.json', image },
      { 'task-definition': 'base.json', image: digest, repository: 'web' },
      {
        'task-definition': 'base.json',
        image: digest,
        repository: 'web',
        registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
        'require-digest': 'true',
      },
      { 'task-definition': 'base.json', image, cluster: 'demo', service: 'web' },
      { 'task-definition': 'base.json', image, 'compare-with': 'family' },
      { 'task-definition-family': 'web', image },
      { 'task-definition-arn': 'web:1', image, 'execution-role-arn': ROLES.executionRoleArn },
      { 'task-definition': 'base.json', 'validate-only': 'true' },
    ];
    for (const inputs of cases) expectOutcome(await render(inputs), 'success');
    expect(tableProblems(table('render-task-def'), recorder.observed)).toEqual([]);
  }, 120_000);
});

describe('ecs-rolling-deploy', () => {
  let world: World;
  const images: Record<string, string> = {};
  beforeAll(async () => {
    world = await startWorld(SEED, SPEED);
    for (const tag of ['v2', 'v3'])
      images[tag] = `${world.host}/web@${await world.sim.pushImage({ repository: 'web', tag })}`;
    images.broken = `${world.host}/web@${await world.sim.pushImage({
      repository: 'web',
      tag: 'broken',
      scenario: 'exit-on-start:1',
    })}`;
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  it('deploys (healthy, unchanged, rolled back, without waiting) and keeps revisions', async () => {
    const recorder = new Recorder(world);
    const deploy = (file: string, inputs: Record<string, string> = {}): Promise<StepResult> =>
      recorder.record(() =>
        world.step('ecs-rolling-deploy', {
          cluster: 'demo',
          service: 'web',
          'task-definition': file,
          ...POLL,
          ...inputs,
        }),
      );
    const v2 = definition(world, 'v2.json', images.v2 ?? '');
    expectOutcome(await deploy(v2), 'success');
    // The same definition again: the live revision is reused, nothing registered.
    expectOutcome(await deploy(v2, { 'force-new-deployment': 'true' }), 'success');
    expectOutcome(
      await deploy(definition(world, 'v3.json', images.v3 ?? ''), { 'keep-revisions': '1' }),
      'success',
    );
    // Its tasks stop: the wait reads their task definition and the last lines of their logs.
    const broken = await deploy(loggedDefinition(world, 'broken.json', images.broken ?? ''));
    expectOutcome(broken, 'failure');
    expect(broken.outputs.get('result')).toBe('rolled-back');
    // Deployment alarms set by the input: the wait reads their state (no alarm has the name, so
    // the simulator bakes for no time and the deployment completes).
    expectOutcome(
      await deploy(definition(world, 'v3-alarms.json', images.v3 ?? ''), {
        alarms: 'web-5xx',
        'alarm-rollback': 'false',
      }),
      'success',
    );
    expectOutcome(
      await deploy(definition(world, 'v2-again.json', images.v2 ?? ''), {
        wait: 'false',
        'check-target-health': 'false',
      }),
      'success',
    );
    expect(tableProblems(table('ecs-rolling-deploy'), recorder.observed)).toEqual([]);
  }, 180_000);
});

describe('wait-healthy', () => {
  let world: World;
  const images: Record<string, string> = {};
  beforeAll(async () => {
    world = await startWorld(SEED, SPEED);
    images.v2 = `${world.host}/web@${await world.sim.pushImage({ repository: 'web', tag: 'v2' })}`;
    images.broken = `${world.host}/web@${await world.sim.pushImage({
      repository: 'web',
      tag: 'broken',
      scenario: 'exit-on-start:1',
    })}`;
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  it('follows a healthy deployment (by id, by task definition, with and without target health) and a failed one', async () => {
    const recorder = new Recorder(world);
    const wait = (inputs: Record<string, string> = {}): Promise<StepResult> =>
      recorder.record(() =>
        world.step('wait-healthy', { cluster: 'demo', service: 'web', ...POLL, ...inputs }),
      );
    // Deployments started by ecs-rolling-deploy without waiting: not recorded.
    const start = async (file: string, image: string, logged = false): Promise<StepResult> => {
      const result = await world.step('ecs-rolling-deploy', {
        cluster: 'demo',
        service: 'web',
        'task-definition': (logged ? loggedDefinition : definition)(world, file, image),
        wait: 'false',
      });
      expectOutcome(result, 'success');
      return result;
    };
    expectOutcome(await wait(), 'success');
    const started = await start('v2.json', images.v2 ?? '');
    expectOutcome(
      await wait({ 'deployment-id': started.outputs.get('deployment-id') ?? '' }),
      'success',
    );
    expectOutcome(
      await wait({
        'task-definition-arn': started.outputs.get('task-definition-arn') ?? '',
        'check-target-health': 'false',
      }),
      'success',
    );
    // Logging with awslogs: the failed wait reads the last lines of the stopped tasks.
    const failing = await start('broken.json', images.broken ?? '', true);
    const failed = await wait({ 'deployment-id': failing.outputs.get('deployment-id') ?? '' });
    expectOutcome(failed, 'failure');
    expect(failed.outputs.get('result')).toBe('rolled-back');
    expect(tableProblems(table('wait-healthy'), recorder.observed)).toEqual([]);
  }, 180_000);
});

describe('rollback-digest', () => {
  let world: World;
  const images: Record<string, string> = {};
  const digests: Record<string, string> = {};
  beforeAll(async () => {
    world = await startWorld(SEED, SPEED);
    for (const tag of ['v2', 'v3', 'v4']) {
      // v4 becomes healthy only 10 minutes after it runs: a deployment surely in progress.
      const scenario = tag === 'v4' ? { scenario: 'slow:600' } : {};
      digests[tag] = await world.sim.pushImage({ repository: 'web', tag, ...scenario });
      images[tag] = `${world.host}/web@${digests[tag] ?? ''}`;
    }
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  it('rolls back (dry run, digest mode, revision mode, an explicit digest, a deployment in progress)', async () => {
    const recorder = new Recorder(world);
    const rollback = (inputs: Record<string, string> = {}): Promise<StepResult> =>
      recorder.record(() =>
        world.step('rollback-digest', { cluster: 'demo', service: 'web', ...POLL, ...inputs }),
      );
    // Deployments made by ecs-rolling-deploy: not recorded.
    const deploy = async (tag: string, wait = true): Promise<void> => {
      const result = await world.step('ecs-rolling-deploy', {
        cluster: 'demo',
        service: 'web',
        // Logging with awslogs, so the forced rollback below reads its stopped tasks' logs.
        'task-definition': loggedDefinition(world, `${tag}.json`, images[tag] ?? ''),
        ...POLL,
        wait: String(wait),
      });
      expectOutcome(result, 'success');
    };
    await deploy('v2');
    await deploy('v3');
    expectOutcome(await rollback({ 'dry-run': 'true' }), 'success');
    const digestMode = await rollback();
    expectOutcome(digestMode, 'success');
    expect(digestMode.outputs.get('noop')).toBe('false');
    await deploy('v3');
    const revisionMode = await rollback({ mode: 'revision' });
    expectOutcome(revisionMode, 'success');
    expect(revisionMode.outputs.get('noop')).toBe('false');
    expectOutcome(await rollback({ digest: digests.v3 ?? '' }), 'success');
    await deploy('v4', false);
    expectOutcome(await rollback({ 'if-deployment-in-progress': 'stop' }), 'success');
    // Forced onto a digest that never ran, whose tasks exit at start: the wait reads why.
    const broken = await world.sim.pushImage({
      repository: 'web',
      tag: 'broken',
      scenario: 'exit-on-start:1',
    });
    const failed = await rollback({ digest: broken, force: 'true' });
    expectOutcome(failed, 'failure');
    expect(failed.outputs.get('result')).toBe('rolled-back');
    expect(tableProblems(table('rollback-digest'), recorder.observed)).toEqual([]);
  }, 240_000);
});

describe('ecs-run-task', () => {
  let world: World;
  let migrate = '';
  let long = '';
  beforeAll(async () => {
    world = await startWorld(SEED, SPEED);
    const push = async (tag: string, scenario: string): Promise<string> =>
      `${world.host}/web@${await world.sim.pushImage({
        repository: 'web',
        tag,
        labels: { 'sim.run-task': scenario, 'sim.logs': 'Applied 1 migration' },
      })}`;
    migrate = await push('migrate', 'exit-after:2:0');
    long = await push('long', 'exit-after:600:0');
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  it('runs from a file (registered) and a revision, waits for an earlier run, times out', async () => {
    const recorder = new Recorder(world);
    const awslogs = (image: string): Record<string, unknown> => ({
      ...ROLES,
      containerDefinitions: [
        {
          name: 'app',
          image,
          essential: true,
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'web' },
          },
        },
      ],
    });
    const run = (inputs: Record<string, string>): Promise<StepResult> =>
      recorder.record(() =>
        world.step('ecs-run-task', {
          cluster: 'demo',
          service: 'web',
          command: 'python manage.py migrate',
          ...inputs,
        }),
      );
    const file = world.writeTaskDefinition('migrate.json', migrate, awslogs(migrate));
    expectOutcome(await run({ 'task-definition': file }), 'success');
    const revision = await run({ 'task-definition': file, wait: 'false' });
    expectOutcome(revision, 'success');
    // The run above is still going: this one waits for it, from the revision it registered.
    expectOutcome(await run({ 'task-definition': 'web' }), 'success');
    const longFile = world.writeTaskDefinition('long.json', long, awslogs(long));
    const timedOut = await run({ 'task-definition': longFile, timeout: '2s' });
    expectOutcome(timedOut, 'failure');
    expect(tableProblems(table('ecs-run-task'), recorder.observed)).toEqual([]);
  }, 180_000);
});
