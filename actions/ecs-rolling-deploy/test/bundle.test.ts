// ecs-rolling-deploy through its bundle against the simulator (clock ×30: a rollout takes seconds).
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorsOf, seedWithImages, simFixture, type SimFixture } from '@ecs-deploy/test-support';

const images = { v2: '', v3: '', broken: 'exit-on-start:1', slow: 'slow:600', oom: 'oom:1' };
let fixture: SimFixture;
afterEach(async () => {
  await fixture.close();
});

async function deploy(
  tag: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<Awaited<ReturnType<SimFixture['step']>>> {
  const file = fixture.writeTaskDefinition(`td-${tag}.json`, `${fixture.registry}/web:${tag}`);
  return fixture.step(
    'ecs-rolling-deploy',
    { cluster: 'demo', service: 'web', 'task-definition': file, ...inputs },
    {
      env: {
        GITHUB_SHA: 'a'.repeat(40),
        GITHUB_RUN_ID: '42',
        GITHUB_REPOSITORY: 'acme/api',
        GITHUB_ACTOR: 'dev',
        ...env,
      },
    },
  );
}

describe('ecs-rolling-deploy bundle', () => {
  it('registers, rolls and reports healthy; a re-run converges without a duplicate revision', async () => {
    fixture = await simFixture(seedWithImages(images));
    const result = await deploy('v2');
    expect(errorsOf(result)).toBe('');
    expect(result.exitCode).toBe(0);
    const out = Object.fromEntries(result.outputs);
    expect(out).toMatchObject({
      result: 'healthy',
      registered: 'true',
      revision: '2',
      'task-definition-arn': 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2',
      'previous-task-definition-arn': 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
    });
    expect(out['deployment-id']).toMatch(/^ecs-svc\/\d{19}$/);
    expect(out['service-revision-arn']).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:service-revision\/demo\/web\//,
    );
    expect(Object.keys(JSON.parse(out['previous-images'] ?? '{}') as object)).toEqual(['app']);
    expect(result.summary).toContain('healthy');
    const tags = fixture.sim.log.entries({ operation: 'RegisterTaskDefinition' })[0]?.params as {
      tags?: { key: string; value: string }[];
    };
    expect(tags.tags).toEqual(
      expect.arrayContaining([
        { key: 'ecs-deploy:commit', value: 'a'.repeat(40) },
        { key: 'ecs-deploy:run', value: 'https://github.com/acme/api/actions/runs/42' },
      ]),
    );

    const mark = fixture.sim.log.mark();
    const again = await deploy('v2');
    expect(again.exitCode).toBe(0);
    expect(again.outputs.get('registered')).toBe('false');
    expect(again.outputs.get('task-definition-arn')).toBe(out['task-definition-arn']);
    expect(fixture.mutatingSince(mark)).not.toContain('ecs:RegisterTaskDefinition');
  });

  it('reports rolled-back, with the reasons, when the circuit breaker rolls a broken image back', async () => {
    fixture = await simFixture(seedWithImages(images));
    const result = await deploy('broken');
    expect(result.exitCode).toBe(1);
    expect(result.outputs.get('result')).toBe('rolled-back');
    expect(errorsOf(result)).toMatch(/^ecs-rolling-deploy: demo\/web: rolled-back after/);
    expect(errorsOf(result)).toContain("ECS's circuit breaker already put the service back");
    const reasons = JSON.parse(result.outputs.get('reasons') ?? '{}') as {
      stoppedTasks: { reason: string; exitCodes: number[] }[];
    };
    expect(reasons.stoppedTasks[0]?.reason).toContain('Essential container in task exited');
    expect(reasons.stoppedTasks[0]?.exitCodes).toEqual([1]);
    expect(result.stdout).toContain(
      'stopped: Essential container in task exited (app: exit code 1)',
    );
    expect(Number(result.outputs.get('duration-seconds'))).toBeLessThan(30);
  });

  it("confirms ECS's rollback: healthy again on the previous revision, its commit, the time degraded", async () => {
    fixture = await simFixture(seedWithImages(images));
    const good = await deploy('v2', {}, { GITHUB_SHA: 'b'.repeat(40) });
    expect(good.outputs.get('result')).toBe('healthy');
    const result = await deploy('broken');
    expect(result.exitCode).toBe(1);
    const out = Object.fromEntries(result.outputs);
    expect(out).toMatchObject({
      result: 'rolled-back',
      'rollback-result': 'healthy',
      'rollback-task-definition-arn': good.outputs.get('task-definition-arn'),
      'rollback-commit': 'b'.repeat(40),
    });
    // Without the registry host, which may be masked (the deploy chain pins digests instead).
    expect(JSON.parse(out['rollback-images'] ?? '{}')).toEqual({ app: 'web:v2' });
    expect(Number(out['degraded-seconds'])).toBeGreaterThan(0);
    expect(result.stdout).toMatch(
      /Rollback confirmed: demo\/web is healthy again on web:2 \(commit bbbbbbb, app=.+\) after .+ degraded/,
    );
    expect(result.stdout).toContain(
      "::group::Following demo/web: ECS's rollback deployment ecs-svc/",
    );
    expect(result.summary).toContain('**Rollback by ECS**');
    expect(result.summary).toContain('- Commit: `' + 'b'.repeat(40) + '`');
    // The step still fails as rolled-back.
    expect(errorsOf(result)).toMatch(/^ecs-rolling-deploy: demo\/web: rolled-back after/);
  });

  it('leaves the rollback outputs empty with wait-for-rollback: false', async () => {
    fixture = await simFixture(seedWithImages(images));
    const result = await deploy('broken', { 'wait-for-rollback': 'false' });
    expect(result.exitCode).toBe(1);
    const out = Object.fromEntries(result.outputs);
    expect(out.result).toBe('rolled-back');
    for (const name of [
      'rollback-result',
      'rollback-task-definition-arn',
      'rollback-images',
      'rollback-commit',
      'degraded-seconds',
    ])
      expect({ name, value: out[name] }).toEqual({ name, value: '' });
    expect(result.stdout).not.toContain('Rollback confirmed');
    expect(result.stdout).not.toContain("ECS's rollback deployment");
  });

  it('reports failed at once when the circuit breaker has no rollback', async () => {
    fixture = await simFixture(seedWithImages(images));
    const result = await deploy('oom', { 'circuit-breaker': 'on' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.get('result')).toBe('failed');
    expect(errorsOf(result)).toMatch(/failed/);
    expect(result.stdout).toMatch(/OutOfMemoryError/);
  });

  it('times out with what it was still waiting for', async () => {
    fixture = await simFixture(seedWithImages(images));
    const result = await deploy('slow', { timeout: '3s' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.get('result')).toBe('timed-out');
    expect(errorsOf(result)).toMatch(/timed-out after/);
  });

  it('fails when the health URL never passes although ECS says healthy', async () => {
    fixture = await simFixture(seedWithImages(images));
    const server: Server = createServer((_req, res) => {
      res.writeHead(503).end('down');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`;
    try {
      const result = await deploy('v2', {
        'health-url': url,
        'health-timeout': '1s',
        'health-grace': '3s',
      });
      expect(result.exitCode).toBe(1);
      expect(result.outputs.get('result')).toBe('failed');
      expect(JSON.stringify(JSON.parse(result.outputs.get('reasons') ?? '{}'))).toContain('503');
    } finally {
      server.close();
    }
  }, 120_000);

  it('keeps the verdict right through throttling and 5xx bursts while waiting', async () => {
    fixture = await simFixture(seedWithImages(images));
    await fixture.sim.control.addFault({
      target: 'ecs:DescribeServices',
      kind: 'throttle',
      after: 2,
      times: 4,
    });
    await fixture.sim.control.addFault({
      target: 'ecs:DescribeServices',
      kind: 'server-error',
      status: 503,
      after: 8,
      times: 3,
    });
    const result = await deploy('v2');
    expect(errorsOf(result)).toBe('');
    expect(result.outputs.get('result')).toBe('healthy');
  });

  it.each<[string, (f: SimFixture) => Promise<Record<string, string>>, RegExp]>([
    [
      'a missing service',
      () => Promise.resolve({ service: 'nope' }),
      /Input 'service' is 'nope': no such service of cluster 'demo'/,
    ],
    [
      'an invalid task definition',
      (f) =>
        Promise.resolve({
          'task-definition': f.writeTaskDefinition('bad.json', `${f.registry}/web:v2`, {
            memory: '4096',
          }),
        }),
      /No Fargate configuration exists/,
    ],
    [
      'a role of another account',
      (f) =>
        Promise.resolve({
          'task-definition': f.writeTaskDefinition('role.json', `${f.registry}/web:v2`, {
            executionRoleArn: 'arn:aws:iam::999999999999:role/exec',
          }),
        }),
      /belongs to account 999999999999, but this job deploys into account 123456789012/,
    ],
    [
      'an unreadable file',
      () => Promise.resolve({ 'task-definition': 'missing.json' }),
      /names "missing.json", which could not be read/,
    ],
    [
      'a bad duration',
      () => Promise.resolve({ timeout: '15' }),
      /Input 'timeout' is "15", a number without a unit/,
    ],
    [
      'a bad circuit-breaker value',
      () => Promise.resolve({ 'circuit-breaker': 'yes' }),
      /Expected one of: rollback, on, off, keep/,
    ],
  ])('changes nothing in AWS for %s', async (_name, inputsOf, message) => {
    fixture = await simFixture(seedWithImages(images));
    const mark = fixture.sim.log.mark();
    const result = await deploy('v2', await inputsOf(fixture));
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toMatch(message);
    expect(fixture.mutatingSince(mark)).toEqual([]);
  });

  it('fails or waits when another deployment is in progress, as asked', async () => {
    fixture = await simFixture(seedWithImages(images), 5);
    const first = deploy('v2', { wait: 'false' });
    await first;
    const refused = await deploy('v3', { 'if-deployment-in-progress': 'fail' });
    expect(refused.exitCode).toBe(1);
    expect(errorsOf(refused)).toMatch(/is still in progress/);
    const waited = await deploy('v3', { 'if-deployment-in-progress': 'wait' });
    expect(errorsOf(waited)).toBe('');
    expect(waited.stdout).toMatch(/waiting for deployment ecs-svc\/\d+/);
    expect(waited.outputs.get('result')).toBe('healthy');
  }, 120_000);

  it('deregisters old revisions beyond keep-revisions, never one in use', async () => {
    fixture = await simFixture(seedWithImages(images));
    for (const tag of ['v2', 'v3']) expect((await deploy(tag)).exitCode).toBe(0);
    const result = await deploy('v2', { 'keep-revisions': '1', 'force-new-deployment': 'true' });
    expect(errorsOf(result)).toBe('');
    const deregistered = fixture.sim.log
      .entries({ operation: 'DeregisterTaskDefinition' })
      .map((e) => (e.params as { taskDefinition: string }).taskDefinition);
    expect(deregistered.length).toBeGreaterThan(0);
    expect(deregistered).not.toContain(result.outputs.get('task-definition-arn'));
    // web:1 came from the seed, not from this action for this service: it is not ours to remove.
    expect(deregistered).not.toContain('arn:aws:ecs:us-east-1:123456789012:task-definition/web:1');
  });
});
