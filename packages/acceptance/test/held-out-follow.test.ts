// Held-out defects of the follower (packages/deployment, packages/rollout-watch), through the bundles of
// the three actions that wait (wait-healthy, ecs-rolling-deploy), against the simulator:
// 5. throttling longer than the old 120 s error budget must not end a 10-minute wait, and a wait
//    that does give up while throttled says what it last saw and how to look by hand;
// 6. a deployment id that a later deployment superseded is reported at once, naming it;
// 8. a deployment at desired count 0 is not reported `healthy`.
import { afterEach, describe, expect, it } from '@jest/globals';
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { errorsOf, seedWithImages, simFixture, type SimFixture } from '@ecs-deploy/test-support';
import { eventually } from './support.js';

let fixture: SimFixture;
afterEach(async () => {
  await fixture.close();
});

function ecsClient(): ECSClient {
  return new ECSClient({
    endpoint: fixture.sim.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
}

/** Deploys `web:<tag>` with ecs-rolling-deploy; returns the step. */
async function deploy(
  tag: string,
  inputs: Record<string, string> = {},
): ReturnType<SimFixture['step']> {
  const file = fixture.writeTaskDefinition(`td-${tag}.json`, `${fixture.registry}/web:${tag}`);
  return fixture.step('ecs-rolling-deploy', {
    cluster: 'demo',
    service: 'web',
    'task-definition': file,
    ...inputs,
  });
}

/** Starts a deployment without waiting; returns its id. */
async function start(tag: string): Promise<string> {
  const result = await deploy(tag, { wait: 'false' });
  expect(errorsOf(result)).toBe('');
  return result.outputs.get('deployment-id') ?? '';
}

/** The service's deployments as DescribeServices lists them now. */
async function deployments(): Promise<
  { id?: string; runningCount?: number; pendingCount?: number }[]
> {
  const ecs = ecsClient();
  try {
    const out = await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }));
    return out.services?.[0]?.deployments ?? [];
  } finally {
    ecs.destroy();
  }
}

const waitHealthy = (
  inputs: Record<string, string>,
  timeoutMs = 120_000,
): ReturnType<SimFixture['step']> =>
  fixture.step('wait-healthy', { cluster: 'demo', service: 'web', ...inputs }, { timeoutMs });

describe('defect 5: throttling slows the wait, it does not end it before timeout', () => {
  it('wait-healthy (timeout 10m) throttled for longer than 120 s still reports the completed deployment healthy', async () => {
    fixture = await simFixture(seedWithImages({ v2: '' }));
    const id = await start('v2');
    // Each poll is one DescribeServices attempt (maxAttempts 1); backing off 1, 2, 4, then 5 s,
    // 32 throttled polls last well over 120 s of the follower's clock.
    await fixture.sim.control.addFault({
      target: 'ecs:DescribeServices',
      kind: 'throttle',
      times: 32,
    });
    const result = await waitHealthy({ 'deployment-id': id, timeout: '10m' }, 280_000);
    expect(errorsOf(result)).toBe('');
    expect(result.outputs.get('result')).toBe('healthy');
    const throttled = fixture.sim.log
      .entries()
      .filter((e) => e.operation === 'DescribeServices' && e.error === 'ThrottlingException');
    expect(throttled).toHaveLength(32);
  }, 300_000);

  it('a wait that reaches its timeout while throttled says what it last saw and how to check', async () => {
    fixture = await simFixture(seedWithImages({ slow: 'slow:6000' }));
    const id = await start('slow');
    await fixture.sim.control.addFault({
      target: 'ecs:DescribeServices',
      kind: 'throttle',
      after: 2,
    });
    const result = await waitHealthy({ 'deployment-id': id, timeout: '40s' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.get('result')).toBe('timed-out');
    const errors = errorsOf(result);
    expect(errors).toContain('ThrottlingException');
    expect(errors).toMatch(/last seen .* before: .*IN_PROGRESS/);
    expect(errors).toContain('aws ecs describe-services --cluster demo --services web');
    expect(errors).toContain('aws ecs list-service-deployments --cluster demo --service web');
  }, 120_000);
});

describe('defect 6: a superseded deployment id is reported at once, naming what superseded it', () => {
  it('superseded mid-rollout by another tool (STOPPED in ECS history)', async () => {
    fixture = await simFixture(seedWithImages({ slow: 'slow:6000' }));
    const id = await start('slow');
    await eventually(
      async () => (await deployments()).some((d) => d.id === id && (d.runningCount ?? 0) > 0),
      30_000,
      'tasks of the slow deployment',
    );
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
    await eventually(
      async () => (await deployments()).every((d) => d.id !== id),
      60_000,
      'the superseded deployment to leave DescribeServices',
    );
    const [newer] = await deployments();
    const result = await waitHealthy({ 'deployment-id': id });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.get('result')).toBe('failed');
    const errors = errorsOf(result);
    expect(errors).toContain(`superseded by deployment ${newer?.id ?? '?'} (web:1)`);
    expect(errors).toContain('STOPPED');
    expect(errors).not.toMatch(/never appeared/);
  }, 120_000);

  it('completed, then superseded by the next deploy (SUCCESSFUL in ECS history)', async () => {
    fixture = await simFixture(seedWithImages({ v2: '', v3: '' }));
    const first = await deploy('v2');
    expect(first.outputs.get('result')).toBe('healthy');
    const id = first.outputs.get('deployment-id') ?? '';
    const second = await deploy('v3');
    expect(second.outputs.get('result')).toBe('healthy');
    const result = await waitHealthy({ 'deployment-id': id });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.get('result')).toBe('failed');
    const errors = errorsOf(result);
    expect(errors).toContain(
      `superseded by deployment ${second.outputs.get('deployment-id') ?? '?'} (web:3)`,
    );
    expect(errors).toContain('SUCCESSFUL');
    expect(errors).not.toMatch(/never appeared/);
  }, 120_000);
});

describe('defect 8: a deployment at desired count 0 is not reported healthy', () => {
  it('ecs-rolling-deploy with desired-count 0: result scaled-to-zero, a warning, and the summary says so', async () => {
    fixture = await simFixture(seedWithImages({ v2: '' }));
    const result = await deploy('v2', { 'desired-count': '0' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.get('result')).toBe('scaled-to-zero');
    expect(result.outputs.get('result')).not.toBe('healthy');
    expect(
      result.annotations.filter((a) => a.level === 'warning').map((a) => a.message),
    ).toContainEqual(expect.stringMatching(/desired count 0/));
    expect(result.summary).toMatch(/no tasks \(desired count 0\)/);
  });

  it('wait-healthy following a deployment of a service scaled to 0: result scaled-to-zero', async () => {
    fixture = await simFixture(seedWithImages({ v2: '' }));
    const started = await deploy('v2', { 'desired-count': '0', wait: 'false' });
    expect(errorsOf(started)).toBe('');
    const id = started.outputs.get('deployment-id') ?? '';
    const result = await waitHealthy({ 'deployment-id': id });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.get('result')).toBe('scaled-to-zero');
    expect(result.summary).toMatch(/desired count 0/);
  });
});
