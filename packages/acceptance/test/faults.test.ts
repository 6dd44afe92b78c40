// The fault matrix: AWS and registry faults while the bundled actions run against the simulator.
// Each case checks the verdict and the message, and — from the simulator's request log and state —
// that what is left behind is consistent and that a re-run after the fault clears converges.
//
// Not repeated here (identical cases in the actions' own bundle tests):
// - DescribeServices throttling + 503 during ecs-rolling-deploy's wait (ecs-rolling-deploy bundle),
// - wait-healthy: AccessDenied, credentials expiring mid-wait, the service deleted mid-wait and
//   SIGINT mid-wait (wait-healthy bundle); here the same faults hit ecs-rolling-deploy's and
//   rollback-digest's waits, and SIGTERM, which the bundle tests do not send.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { DEFAULT_SEED, type FaultRule, type LogEntry, type Seed } from '@ecs-deploy/aws-sim';
import { buildImage, writeOciLayout, type BuiltImage } from '@ecs-deploy/oci';
import type { StepResult } from '@ecs-deploy/runner-harness';
import { describeStep, errorAnnotations, eventually } from './support.js';
import { startWorld, type World } from './world.js';

const SPEED = 30;
const WEB_2 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2';
const POLL = { 'poll-min-interval': '500ms', 'poll-max-interval': '1s', timeout: '90s' };
const SEED: Seed = {
  ...DEFAULT_SEED,
  timings: { healthyWithoutChecksSeconds: 5 },
  repositories: [
    { name: 'web', imageTagMutability: 'MUTABLE', images: [{ tag: 'v1' }] },
    { name: 'team/api', imageTagMutability: 'IMMUTABLE' },
  ],
};

/** ECS operations the deploy and its wait use, STS and ELB ones too. */
const DEPLOY_OPERATIONS = [
  'sts:GetCallerIdentity',
  'ecs:DescribeServices',
  'ecs:DescribeTaskDefinition',
  'ecs:RegisterTaskDefinition',
  'ecs:UpdateService',
  'ecs:DescribeServiceDeployments',
  'ecs:DescribeServiceRevisions',
  'ecs:ListTasks',
  'ecs:DescribeTasks',
  'elbv2:DescribeTargetHealth',
  'elbv2:DescribeTargetGroups',
];
/** Those rollback-digest adds (it reads the service-deployment history). */
const ROLLBACK_OPERATIONS = [
  ...DEPLOY_OPERATIONS.filter((op) => op !== 'sts:GetCallerIdentity'),
  'ecs:ListServiceDeployments',
  'ecs:ListTagsForResource',
];
/** ECR operations of a push and its read-back. */
const PUSH_OPERATIONS = [
  'ecr:DescribeRepositories',
  'ecr:DescribeImages',
  'ecr:GetAuthorizationToken',
  'ecr:BatchGetImage',
  'ecr:ListImages',
];

let world: World;
let layouts = '';
let small: BuiltImage;
let big: BuiltImage;

beforeAll(async () => {
  layouts = mkdtempSync(join(tmpdir(), 'acceptance-images-'));
  small = buildImage({ layers: [{ 'app/main.py': 'print("faults")\n' }] });
  // Above the client's 16 MiB chunk threshold and incompressible, so the layer goes up in PATCHes.
  big = buildImage({ layers: [{ 'app/blob.bin': randomBytes(17 * 1024 * 1024) }] });
  await writeOciLayout(join(layouts, 'small'), small);
  await writeOciLayout(join(layouts, 'big'), big);
}, 60_000);
afterAll(() => {
  rmSync(layouts, { recursive: true, force: true });
});
afterEach(async () => {
  await world.close();
});

async function newWorld(seed: Seed = SEED): Promise<World> {
  world = await startWorld(seed, SPEED);
  return world;
}

/** An SDK client of the test's own (not the action's), on the simulator. */
function ecsClient(maxAttempts = 3): ECSClient {
  return new ECSClient({
    endpoint: world.sim.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts,
  });
}

async function image(tag: string, scenario?: string): Promise<string> {
  const digest = await world.sim.pushImage({
    repository: 'web',
    tag,
    ...(scenario === undefined ? {} : { scenario }),
  });
  return `${world.host}/web@${digest}`;
}

function deploy(
  file: string,
  inputs: Record<string, string> = {},
  extra: Parameters<World['step']>[2] = {},
): Promise<StepResult> {
  return world.step(
    'ecs-rolling-deploy',
    { cluster: 'demo', service: 'web', 'task-definition': file, ...POLL, ...inputs },
    extra,
  );
}

function push(
  layout: 'small' | 'big',
  tags: string,
  extra: Parameters<World['step']>[2] = {},
): Promise<StepResult> {
  return world.step(
    'push-ecr-digest',
    { repository: 'team/api', 'oci-layout': join(layouts, layout), tags },
    extra,
  );
}

function expectHealthy(result: StepResult): void {
  const errors = errorAnnotations(result);
  if (errors.length > 0 || result.exitCode !== 0) console.error(describeStep(result));
  expect(errors).toEqual([]);
  expect(result.exitCode).toBe(0);
}

/** No annotation (error or warning) tells the user about throttling or 5xx the SDK rode out. */
function expectNoTransientNoise(result: StepResult): void {
  const told = result.annotations.map((a) => a.message).join('\n');
  expect(told).not.toMatch(/Throttl|Rate exceeded|ServiceUnavailable|ServerException|ECONNRESET/);
}

function succeeded(operation: string, afterSeq = 0): LogEntry[] {
  return world.sim.log.entries({ operation, afterSeq }).filter((entry) => entry.status === 200);
}

function faulted(operation: string, error: string): LogEntry[] {
  return world.sim.log.entries({ operation }).filter((entry) => entry.error === error);
}

async function addFaults(
  operations: readonly string[],
  rule: Omit<FaultRule, 'target'>,
): Promise<void> {
  for (const target of operations) await world.sim.control.addFault({ ...rule, target });
}

/** The re-run after a fault cleared: healthy, and no revision registered again. */
async function expectConvergedDeploy(file: string, arn: string): Promise<void> {
  await world.sim.control.clearFaults();
  const mark = world.sim.log.mark();
  const again = await deploy(file);
  expectHealthy(again);
  expect(again.outputs.get('registered')).toBe('false');
  expect(again.outputs.get('task-definition-arn')).toBe(arn);
  expect(succeeded('RegisterTaskDefinition', mark)).toEqual([]);
}

/** The service's task definition and its PRIMARY deployment, read with the test's own client. */
async function serviceState(): Promise<{
  taskDefinition: string;
  primary: string;
  status: string;
}> {
  const ecs = ecsClient();
  try {
    const answer = await ecs.send(
      new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }),
    );
    const service = answer.services?.[0];
    const primary = service?.deployments?.find((d) => d.status === 'PRIMARY');
    return {
      taskDefinition: service?.taskDefinition ?? '',
      primary: primary?.rolloutState ?? '',
      status: service?.status ?? '',
    };
  } finally {
    ecs.destroy();
  }
}

describe('throttling', () => {
  it('bursts on every operation of a deploy and its wait: healthy, nothing said, re-run converges', async () => {
    await newWorld();
    const file = world.writeTaskDefinition('v2.json', await image('v2'));
    await addFaults(DEPLOY_OPERATIONS, { kind: 'throttle', times: 2 });
    const result = await deploy(file);
    expectHealthy(result);
    expect(result.outputs.get('result')).toBe('healthy');
    expectNoTransientNoise(result);
    // Every operation the action called met its burst (whichever of the list it still uses): its
    // first two calls were throttled — or its only call, for a read the follower makes once in a
    // healthy deploy (ListTasks: packages/deployment/src/reads.ts).
    const called = DEPLOY_OPERATIONS.map((target) => target.slice(target.indexOf(':') + 1)).filter(
      (op) => world.sim.log.entries({ operation: op }).length > 0,
    );
    expect(called).toEqual(expect.arrayContaining(['RegisterTaskDefinition', 'UpdateService']));
    for (const op of called)
      expect([
        op,
        faulted(op, 'ThrottlingException').length + faulted(op, 'Throttling').length,
      ]).toEqual([op, Math.min(2, world.sim.log.entries({ operation: op }).length)]);
    expect(succeeded('RegisterTaskDefinition')).toHaveLength(1);
    expect(succeeded('UpdateService')).toHaveLength(1);
    await expectConvergedDeploy(file, result.outputs.get('task-definition-arn') ?? '');
  });

  it("ECS's real token buckets, drained by another client: the deploy still ends healthy", async () => {
    await newWorld();
    const file = world.writeTaskDefinition('v2.json', await image('v2'));
    await world.sim.control.setRateLimits({ enabled: true });
    const ecs = ecsClient(1);
    // Each call costs a token whether or not it succeeds, so calls on things that do not exist
    // drain the modify buckets without changing anything.
    const send = (call: () => Promise<unknown>) => (): Promise<unknown> =>
      call().catch(() => undefined);
    const hammer: Record<string, [burst: number, fire: () => Promise<unknown>]> = {
      'service-read': [
        100,
        send(() =>
          ecs.send(
            new DescribeServicesCommand({ cluster: 'demo', services: ['hammer-no-such-service'] }),
          ),
        ),
      ],
      'task-definition-read': [
        50,
        send(() =>
          ecs.send(
            new DescribeTaskDefinitionCommand({ taskDefinition: 'hammer-no-such-family:1' }),
          ),
        ),
      ],
      'task-definition-modify': [
        20,
        send(() =>
          ecs.send(
            new DeregisterTaskDefinitionCommand({ taskDefinition: 'hammer-no-such-family:1' }),
          ),
        ),
      ],
      'service-modify': [
        50,
        send(() =>
          ecs.send(
            new UpdateServiceCommand({ cluster: 'demo', service: 'hammer-no-such-service' }),
          ),
        ),
      ],
      'cluster-resource-read': [
        100,
        send(() => ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: ['x'] }))),
      ],
      'service-deployment': [
        50,
        send(() =>
          ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: ['arn:x'] })),
        ),
      ],
      'service-revision': [
        50,
        send(() =>
          ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: ['arn:x'] })),
        ),
      ],
    };
    // Drain every bucket to empty, at its real burst size.
    await Promise.all(
      Object.values(hammer).flatMap(([burst, fire]) => Array.from({ length: burst + 5 }, fire)),
    );
    // …and keep hammering while the action runs: one call per bucket every 2 s, which is half the
    // refill of the slowest bucket (task-definition modify, 1 a second).
    // The action's first ECS call drains the two modify buckets once more, so its
    // RegisterTaskDefinition and UpdateService meet empty buckets whatever its start-up took.
    const load = { running: true, drained: false };
    const ours = (operation: string): LogEntry[] =>
      world.sim.log
        .entries({ operation })
        .filter((e) => !JSON.stringify(e.params).includes('hammer'));
    const drainModify = (): Promise<unknown[]> =>
      Promise.all(
        (['task-definition-modify', 'service-modify'] as const).flatMap((name) => {
          const [burst, fire] = hammer[name] ?? [0, (): Promise<unknown> => Promise.resolve()];
          return Array.from({ length: burst + 5 }, fire);
        }),
      );
    const background = (async (): Promise<void> => {
      for (let tick = 0; load.running; tick++) {
        if (!load.drained && ours('DescribeServices').length > 0) {
          load.drained = true;
          await drainModify();
        }
        if (tick % 20 === 0) await Promise.all(Object.values(hammer).map(([, fire]) => fire()));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      const result = await deploy(file);
      expectHealthy(result);
      expectNoTransientNoise(result);
      const modifying = [...ours('RegisterTaskDefinition'), ...ours('UpdateService')];
      expect(load.drained).toBe(true);
      expect(modifying.some((e) => e.error === 'ThrottlingException')).toBe(true);
      expect(modifying.filter((e) => e.status === 200)).toHaveLength(2);
    } finally {
      load.running = false;
      await background;
      ecs.destroy();
    }
  }, 90_000);

  it('bursts on every operation of rollback-digest: healthy rollback, re-run is a no-op', async () => {
    await newWorld();
    expectHealthy(await deploy(world.writeTaskDefinition('v2.json', await image('v2'))));
    expectHealthy(await deploy(world.writeTaskDefinition('v3.json', await image('v3'))));
    await addFaults(ROLLBACK_OPERATIONS, { kind: 'throttle', times: 2 });
    const result = await world.step('rollback-digest', {
      cluster: 'demo',
      service: 'web',
      ...POLL,
    });
    expectHealthy(result);
    expectNoTransientNoise(result);
    expect(result.outputs.get('noop')).toBe('false');
    await world.sim.control.clearFaults();
    const mark = world.sim.log.mark();
    const again = await world.step('rollback-digest', { cluster: 'demo', service: 'web', ...POLL });
    expectHealthy(again);
    expect(again.outputs.get('noop')).toBe('true');
    expect(world.mutatingSince(mark)).toEqual([]);
  });

  it('bursts of throttling and 5xx on every ECR operation of a push: the right digest, twice', async () => {
    await newWorld();
    await addFaults(PUSH_OPERATIONS, { kind: 'throttle', times: 1 });
    await addFaults(PUSH_OPERATIONS, { kind: 'server-error', status: 503, times: 1 });
    const result = await push('small', 'dev-1');
    expectHealthy(result);
    expectNoTransientNoise(result);
    expect(result.outputs.get('digest')).toBe(small.root.digest);
    await world.sim.control.clearFaults();
    const again = await push('small', 'dev-1');
    expectHealthy(again);
    expect(again.outputs.get('digest')).toBe(small.root.digest);
    expect(again.stdout).toContain('already on');
  });
});

describe('5xx and connection resets', () => {
  it('500/503 bursts on every operation of a deploy: healthy, one registration, re-run converges', async () => {
    await newWorld();
    const file = world.writeTaskDefinition('v2.json', await image('v2'));
    await addFaults(DEPLOY_OPERATIONS, { kind: 'server-error', status: 500, times: 1 });
    await addFaults(DEPLOY_OPERATIONS, { kind: 'server-error', status: 503, times: 1 });
    const result = await deploy(file);
    expectHealthy(result);
    expectNoTransientNoise(result);
    expect(succeeded('RegisterTaskDefinition')).toHaveLength(1);
    await expectConvergedDeploy(file, result.outputs.get('task-definition-arn') ?? '');
  });

  it('connection resets on every operation of a deploy: healthy, one registration, re-run converges', async () => {
    await newWorld();
    const file = world.writeTaskDefinition('v2.json', await image('v2'));
    await addFaults(DEPLOY_OPERATIONS, { kind: 'reset', times: 1 });
    const result = await deploy(file);
    expectHealthy(result);
    expectNoTransientNoise(result);
    expect(faulted('UpdateService', 'ConnectionReset')).toHaveLength(1);
    expect(succeeded('RegisterTaskDefinition')).toHaveLength(1);
    expect(succeeded('UpdateService')).toHaveLength(1);
    await expectConvergedDeploy(file, result.outputs.get('task-definition-arn') ?? '');
  });

  // Was a defect (the re-run registered the same definition again), fixed in 1bfb240.
  it('UpdateService failing beyond the retries: the log names the registered revision; the re-run registers no duplicate', async () => {
    await newWorld();
    const file = world.writeTaskDefinition('v2.json', await image('v2'));
    await world.sim.control.addFault({
      target: 'ecs:UpdateService',
      kind: 'server-error',
      status: 503,
      times: 10,
    });
    const failed = await deploy(file);
    expect(failed.exitCode).toBe(1);
    expect(errorAnnotations(failed)).toEqual([
      expect.stringMatching(/UpdateService[\s\S]*503|ServiceUnavailable/) as unknown,
    ]);
    expect(succeeded('RegisterTaskDefinition')).toHaveLength(1);
    expect(failed.stdout).toContain(`registered ${WEB_2}`);
    await expectConvergedDeploy(file, WEB_2);
  });

  it('a connection reset mid-blob-upload, before and after the registry stored it: the right digest', async () => {
    await newWorld();
    // Monolithic PUT of the small image's blobs: the first is reset before, the next after storing.
    world.registry.faults.inject({
      match: { method: 'PUT', path: '*/blobs/uploads/*' },
      status: 'reset',
      count: 1,
    });
    world.registry.faults.inject({
      match: { method: 'PUT', path: '*/blobs/uploads/*' },
      status: 'reset',
      count: 1,
      when: 'after',
    });
    const result = await push('small', 'dev-1');
    expectHealthy(result);
    expect(result.outputs.get('digest')).toBe(small.root.digest);
    // A PATCH of the big image's chunked upload, lost after the registry stored it.
    world.registry.faults.inject({
      match: { method: 'PATCH', path: '*/blobs/uploads/*' },
      status: 'reset',
      count: 1,
      when: 'after',
    });
    const chunked = await push('big', 'dev-2');
    expectHealthy(chunked);
    expect(chunked.outputs.get('digest')).toBe(big.root.digest);
    expect(world.registry.requests.filter((r) => r.startsWith('PATCH ')).length).toBeGreaterThan(1);
    expect(world.registry.faults.pending()).toBe(0);
    const again = await push('big', 'dev-2');
    expectHealthy(again);
    expect(again.outputs.get('digest')).toBe(big.root.digest);
  }, 90_000);

  it('the registry answering 5xx during a chunked upload: the push is still correct', async () => {
    await newWorld();
    world.registry.faults.inject({
      match: { method: 'PATCH', path: '*/blobs/uploads/*' },
      status: 503,
      count: 2,
    });
    world.registry.faults.inject({
      match: { method: 'PUT', path: '*/blobs/uploads/*' },
      status: 500,
      count: 1,
    });
    const result = await push('big', 'dev-1');
    expectHealthy(result);
    expect(result.outputs.get('digest')).toBe(big.root.digest);
    expect(world.registry.faults.pending()).toBe(0);
    // What ECR reports is what was built.
    const again = await push('big', 'dev-1');
    expect(again.outputs.get('digest')).toBe(big.root.digest);
    expect(again.stdout).toContain('already on');
  }, 90_000);
});

describe('latency, credentials and auth', () => {
  it('latency spikes of several seconds: still healthy, still right', async () => {
    await newWorld();
    const file = world.writeTaskDefinition('v2.json', await image('v2'));
    for (const target of [
      'ecs:RegisterTaskDefinition',
      'ecs:UpdateService',
      'ecs:DescribeServices',
    ])
      await world.sim.control.addFault({ target, kind: 'latency', latencyMs: 3000, times: 1 });
    const result = await deploy(file);
    expectHealthy(result);
    expect(result.outputs.get('result')).toBe('healthy');
    expect(result.durationMs).toBeGreaterThan(9000);
    expect(succeeded('RegisterTaskDefinition')).toHaveLength(1);
    expect(succeeded('UpdateService')).toHaveLength(1);
  }, 60_000);

  it("credentials expiring during ecs-rolling-deploy's wait: a clear failure naming the fix; the re-run converges", async () => {
    await newWorld();
    const file = world.writeTaskDefinition('slow.json', await image('slow', 'slow:240'));
    const running = deploy(file);
    await eventually(() => succeeded('UpdateService').length > 0, 30_000, 'UpdateService');
    await world.sim.control.addFault({ target: '*', kind: 'expired-token' });
    const result = await running;
    if (result.exitCode !== 1) console.error(describeStep(result));
    expect(result.exitCode).toBe(1);
    const errors = errorAnnotations(result);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/ExpiredToken/);
    expect(errors[0]).toContain('role-duration-seconds');
    // What was changed before the failure is in the log.
    expect(result.stdout).toContain(`registered ${WEB_2}`);
    expect(result.stdout).toMatch(/deployment ecs-svc\/\d+/);
    await expectConvergedDeploy(file, WEB_2);
  }, 90_000);

  /** A push to a registry that refuses the password ECR hands out. */
  async function refusedPush(): Promise<StepResult> {
    // No seeded images: the simulator itself would push them with the refused password.
    world = await startWorld({ repositories: [{ name: 'team/api' }] }, SPEED, {
      advertisedPassword: 'a-password-the-registry-refuses',
    });
    return push('small', 'dev-1');
  }

  it('the registry refusing the ECR credentials: one failure naming the registry, nothing pushed', async () => {
    const result = await refusedPush();
    expect(result.exitCode).toBe(1);
    const errors = errorAnnotations(result);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/401/);
    expect(errors[0]).toContain(world.host);
    expect(await world.registry.listImages('team/api')).toEqual([]);
  });

  // Was a defect (a raw `HEAD …/manifests/… failed with 401 (UNAUTHORIZED)`), fixed in 1bfb240.
  it('the registry refusing the ECR credentials: the message explains it and hints at the fix', async () => {
    const result = await refusedPush();
    const [error = ''] = errorAnnotations(result);
    expect(error).toMatch(
      /refused the (?:ECR )?credentials|authentication failed|not authori[sz]ed to push/i,
    );
    expect(error).toMatch(/\nHint: /);
  });
});

describe('another deploy, a deleted service', () => {
  it('two deploys started together: never a false healthy; the loser says why', async () => {
    await newWorld();
    const files = [
      world.writeTaskDefinition('a.json', await image('a', 'slow:20')),
      world.writeTaskDefinition('b.json', await image('b', 'slow:20')),
    ];
    const results = await Promise.all(files.map((file) => deploy(file)));
    const final = await serviceState();
    const verdicts = results.map((r) => r.outputs.get('result') ?? '');
    // The service ends on one of the two, healthy.
    expect(final.primary).toBe('COMPLETED');
    const winner = results.findIndex(
      (r) => r.outputs.get('task-definition-arn') === final.taskDefinition,
    );
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(verdicts[winner]).toBe('healthy');
    const loser = results[1 - winner];
    if (loser === undefined) throw new Error('two results expected');
    if (loser.outputs.get('result') === 'healthy') {
      // Only if it finished before the winner started: the winner must have waited for it.
      expect(results[winner]?.stdout).toMatch(/waiting for deployment ecs-svc\/\d+/);
    } else {
      expect(loser.exitCode).toBe(1);
      expect(errorAnnotations(loser)).toEqual([
        expect.stringMatching(/replaced by deployment|still in progress/) as unknown,
      ]);
    }
  }, 90_000);

  it('two deploys that both find the service idle: the replaced one reports failed "replaced by"', async () => {
    await newWorld();
    const files = [
      world.writeTaskDefinition('a.json', await image('a', 'slow:20')),
      world.writeTaskDefinition('b.json', await image('b', 'slow:20')),
    ];
    // Both UpdateService calls are held for 3 s before ECS applies them, so each deploy reads
    // the service as idle before the other's update lands; the later update replaces the
    // earlier one's deployment.
    await world.sim.control.addFault({
      target: 'ecs:UpdateService',
      kind: 'latency',
      latencyMs: 3000,
      times: 2,
    });
    const results = await Promise.all(files.map((file) => deploy(file)));
    const final = await serviceState();
    expect(succeeded('UpdateService')).toHaveLength(2);
    const verdicts = results.map((r) => r.outputs.get('result'));
    expect([...verdicts].sort()).toEqual(['failed', 'healthy']);
    const winner = results.find((r) => r.outputs.get('result') === 'healthy');
    const loser = results.find((r) => r.outputs.get('result') === 'failed');
    expect(winner?.outputs.get('task-definition-arn')).toBe(final.taskDefinition);
    if (loser === undefined) throw new Error('no deploy reported failed');
    expect(loser.exitCode).toBe(1);
    expect(errorAnnotations(loser)).toEqual([
      expect.stringMatching(/was replaced by deployment ecs-svc\/\d+/) as unknown,
    ]);
  }, 90_000);

  it('a deploy by another tool mid-wait: failed "replaced by", never healthy', async () => {
    await newWorld();
    const file = world.writeTaskDefinition('slow.json', await image('slow', 'slow:600'));
    const running = deploy(file);
    await eventually(() => succeeded('UpdateService').length > 0, 30_000, 'UpdateService');
    const ecs = ecsClient();
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'web',
        taskDefinition: 'web:1',
        forceNewDeployment: true,
      }),
    );
    ecs.destroy();
    const result = await running;
    expect(result.exitCode).toBe(1);
    expect(result.outputs.get('result')).toBe('failed');
    expect(errorAnnotations(result)).toEqual([
      expect.stringMatching(/was replaced by deployment ecs-svc\/\d+/) as unknown,
    ]);
  });

  it('two deploys with if-deployment-in-progress: fail: one fails at once or is replaced, never falsely healthy', async () => {
    await newWorld();
    const files = [
      world.writeTaskDefinition('a.json', await image('a', 'slow:20')),
      world.writeTaskDefinition('b.json', await image('b', 'slow:20')),
    ];
    const results = await Promise.all(
      files.map((file) => deploy(file, { 'if-deployment-in-progress': 'fail' })),
    );
    const final = await serviceState();
    const healthy = results.filter((r) => r.outputs.get('result') === 'healthy');
    expect(healthy.map((r) => r.outputs.get('task-definition-arn'))).toEqual([
      final.taskDefinition,
    ]);
    const other = results.find((r) => r.outputs.get('result') !== 'healthy');
    if (other === undefined) throw new Error('both deploys reported healthy');
    expect(other.exitCode).toBe(1);
    expect(errorAnnotations(other)).toEqual([
      expect.stringMatching(/replaced by deployment|is still in progress/) as unknown,
    ]);
  }, 90_000);

  it("the service deleted during ecs-rolling-deploy's wait: failed, saying so", async () => {
    await newWorld();
    const file = world.writeTaskDefinition('slow.json', await image('slow', 'slow:600'));
    const running = deploy(file);
    await eventually(() => succeeded('UpdateService').length > 0, 30_000, 'UpdateService');
    const ecs = ecsClient();
    await ecs.send(new DeleteServiceCommand({ cluster: 'demo', service: 'web', force: true }));
    ecs.destroy();
    const result = await running;
    expect(result.exitCode).toBe(1);
    expect(result.outputs.get('result')).toBe('failed');
    expect(errorAnnotations(result)).toEqual([
      expect.stringMatching(/INACTIVE|DRAINING|deleted|inactive/) as unknown,
    ]);
  });
});

describe('the runner cancels the step', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'ecs-rolling-deploy mid-wait (%s): non-zero, one clear last line, the registered revision in the log; re-run converges',
    async (signal) => {
      await newWorld();
      const file = world.writeTaskDefinition('slow.json', await image('slow', 'slow:60'));
      const result = await deploy(
        file,
        {},
        {
          cancel: { signal, when: (stdout) => /deployment ecs-svc\/\d+/.test(stdout) },
        },
      );
      expect(result.exitCode).not.toBe(0);
      expect(result.annotations.at(-1)?.message).toMatch(
        new RegExp(`^ecs-rolling-deploy: cancelled by ${signal}`),
      );
      expect(errorAnnotations(result)).toHaveLength(1);
      expect(result.stdout).toContain(`registered ${WEB_2}`);
      await expectConvergedDeploy(file, WEB_2);
    },
    90_000,
  );

  it('rollback-digest mid-wait (SIGTERM): non-zero, one clear last line, what it registered in the log', async () => {
    await newWorld();
    const v2 = await image('v2');
    expectHealthy(await deploy(world.writeTaskDefinition('v2.json', v2)));
    expectHealthy(await deploy(world.writeTaskDefinition('v3.json', await image('v3'))));
    // From now on v2's tasks take a minute to become healthy, so the rollback's wait is long.
    await world.sim.control.setScenario({
      digest: v2.slice(v2.indexOf('@') + 1),
      scenario: 'slow:60',
    });
    const result = await world.step(
      'rollback-digest',
      { cluster: 'demo', service: 'web', ...POLL },
      {
        cancel: {
          signal: 'SIGTERM',
          when: (stdout) => stdout.includes('UpdateService started deployment'),
        },
      },
    );
    expect(result.exitCode).not.toBe(0);
    expect(result.annotations.at(-1)?.message).toMatch(/^rollback-digest: cancelled by SIGTERM/);
    expect(errorAnnotations(result)).toHaveLength(1);
    expect(result.stdout).toMatch(
      /registered arn:aws:ecs:us-east-1:123456789012:task-definition\/web:4/,
    );
    expect(result.stdout).toMatch(/UpdateService started deployment ecs-svc\/\d+/);
  }, 90_000);

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'push-ecr-digest mid-upload (%s): non-zero, one clear last line; the re-run pushes the same digest',
    async (signal) => {
      await newWorld();
      // Slow the upload down with a few retried 503s so the signal lands in the middle of it.
      world.registry.faults.inject({
        match: { method: 'PATCH', path: '*/blobs/uploads/*' },
        status: 503,
        count: 3,
      });
      const result = await push('big', 'dev-1', {
        cancel: { signal, when: (stdout) => stdout.includes('::add-mask::') },
      });
      expect(result.exitCode).not.toBe(0);
      expect(result.annotations.at(-1)?.message).toMatch(
        new RegExp(`^push-ecr-digest: cancelled by ${signal}`),
      );
      expect(errorAnnotations(result)).toHaveLength(1);
      world.registry.faults.clear();
      const again = await push('big', 'dev-1');
      expectHealthy(again);
      expect(again.outputs.get('digest')).toBe(big.root.digest);
    },
    90_000,
  );

  // Was a defect (the push ignored the signal, finished, wrote every output, then said "stopped
  // before finishing"), fixed in 1bfb240.
  it('push-ecr-digest cancelled mid-upload: the last line tells the truth about what was pushed', async () => {
    await newWorld();
    world.registry.faults.inject({
      match: { method: 'PATCH', path: '*/blobs/uploads/*' },
      status: 503,
      count: 3,
    });
    const result = await push('big', 'dev-1', {
      cancel: { signal: 'SIGTERM', when: (stdout) => stdout.includes('::add-mask::') },
    });
    const last = result.annotations.at(-1)?.message ?? '';
    const pushed = result.outputs.has('digest');
    expect({ pushed, saysStopped: last.includes('stopped before finishing') }).not.toEqual({
      pushed: true,
      saysStopped: true,
    });
  }, 90_000);
});
