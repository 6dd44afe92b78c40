// wait-healthy through its bundle, following deployments that ecs-rolling-deploy (wait: false) starts.
import { afterEach, describe, expect, it } from '@jest/globals';
import { DeleteServiceCommand, ECSClient } from '@aws-sdk/client-ecs';
import { errorsOf, seedWithImages, simFixture, type SimFixture } from '@ecs-deploy/test-support';

let fixture: SimFixture;
afterEach(async () => {
  await fixture.close();
});

/** Starts a deployment of `web:<tag>` without waiting; returns its id. */
async function start(tag: string): Promise<string> {
  const file = fixture.writeTaskDefinition(`td-${tag}.json`, `${fixture.registry}/web:${tag}`);
  const result = await fixture.step('ecs-rolling-deploy', {
    cluster: 'demo',
    service: 'web',
    'task-definition': file,
    wait: 'false',
  });
  expect(errorsOf(result)).toBe('');
  return result.outputs.get('deployment-id') ?? '';
}

const wait = (inputs: Record<string, string> = {}): ReturnType<SimFixture['step']> =>
  fixture.step('wait-healthy', { cluster: 'demo', service: 'web', ...inputs });

describe('wait-healthy bundle', () => {
  it('follows the given deployment to healthy and writes its outputs and timeline', async () => {
    fixture = await simFixture(seedWithImages({ v2: '' }));
    const id = await start('v2');
    const result = await wait({ 'deployment-id': id });
    expect(errorsOf(result)).toBe('');
    expect(Object.fromEntries(result.outputs)).toMatchObject({
      result: 'healthy',
      'deployment-id': id,
      'task-definition-arn': expect.stringMatching(/web:2$/) as unknown,
    });
    expect(result.summary).toMatch(/\| .*verdict: healthy/);
    expect(result.stdout).toMatch(/deployment completed/);
    // The wait's events and progress are folded in one log group; the verdict line follows it.
    const lines = result.stdout.trimEnd().split('\n');
    const open = lines.indexOf(`::group::Following demo/web: deployment ${id}`);
    const end = lines.indexOf('::endgroup::');
    expect(open).toBeGreaterThanOrEqual(0);
    expect(lines.slice(open + 1, end).join('\n')).toMatch(/deployment completed/);
    expect(lines[end + 1]).toMatch(/healthy/);
  });

  it('follows the PRIMARY deployment when no id is given', async () => {
    fixture = await simFixture(seedWithImages({ v2: '' }));
    const id = await start('v2');
    const result = await wait();
    expect(result.outputs.get('deployment-id')).toBe(id);
    expect(result.outputs.get('result')).toBe('healthy');
  });

  it('sees ELB health checks fail and the circuit breaker roll back, with the target reasons', async () => {
    fixture = await simFixture(seedWithImages({ sick: 'unhealthy' }));
    const id = await start('sick');
    const result = await wait({ 'deployment-id': id, timeout: '2m' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.get('result')).toBe('rolled-back');
    expect(result.stdout).toMatch(/ResponseCodeMismatch|failed ELB health checks/);
    // ECS's rollback is followed to its end: the seed's revision, which no action tagged.
    expect(Object.fromEntries(result.outputs)).toMatchObject({
      'rollback-result': 'healthy',
      'rollback-task-definition-arn': expect.stringMatching(/task-definition\/web:1$/) as unknown,
      'rollback-commit': '',
    });
    expect(
      Object.keys(JSON.parse(result.outputs.get('rollback-images') ?? '{}') as object),
    ).toEqual(['app']);
    expect(Number(result.outputs.get('degraded-seconds'))).toBeGreaterThan(0);
    expect(result.stdout).toMatch(/^Rollback confirmed: demo\/web is healthy again on web:1 /m);
  }, 120_000);

  it('shows the last log lines of a crashed task under its reason and in the summary', async () => {
    fixture = await simFixture(seedWithImages({}));
    const image = await fixture.sim.pushImage({
      repository: 'web',
      tag: 'crash',
      scenario: 'oom:2',
      labels: { 'sim.logs': 'Traceback (most recent call last):\nValueError: boom' },
    });
    const file = fixture.writeTaskDefinition('td-crash.json', '', {
      containerDefinitions: [
        {
          name: 'app',
          image: `${fixture.registry}/web@${image}`,
          essential: true,
          portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': '/ecs/web',
              'awslogs-region': 'us-east-1',
              'awslogs-stream-prefix': 'web',
            },
          },
        },
      ],
    });
    const started = await fixture.step('ecs-rolling-deploy', {
      cluster: 'demo',
      service: 'web',
      'task-definition': file,
      wait: 'false',
    });
    expect(errorsOf(started)).toBe('');
    const mark = fixture.sim.log.mark();
    const result = await wait({
      'deployment-id': started.outputs.get('deployment-id') ?? '',
      timeout: '2m',
    });
    expect(result.exitCode).toBe(1);
    expect(['failed', 'rolled-back']).toContain(result.outputs.get('result'));
    // Under the stopped-task reason, after the wait's own group: the container's last lines.
    const lines = result.stdout.split('\n');
    const open = lines.findIndex((l) =>
      /^::group::task \w+ \(web:\d+\) stopped: Essential container in task exited \(app: exit code 137, OutOfMemoryError.*— last log lines$/.test(
        l,
      ),
    );
    expect(open).toBeGreaterThan(lines.indexOf('::endgroup::'));
    expect(lines.slice(open + 2, open + 5)).toEqual([
      expect.stringMatching(/^app in task \w+, last 2 lines \(\/ecs\/web web\/app\/\w+\):$/),
      'Traceback (most recent call last):',
      'ValueError: boom',
    ]);
    // In the summary: a code block under the reason.
    expect(result.summary).toMatch(
      /- Essential container in task exited \(app: exit code 137, OutOfMemoryError[^\n]*\n\n {2}app in task \w+, last 2 lines[^\n]*\n\n {2}```\n {2}Traceback \(most recent call last\):\n {2}ValueError: boom\n {2}```/,
    );
    // The reasons output carries them too.
    const reasons = JSON.parse(result.outputs.get('reasons') ?? '{}') as {
      stoppedTasks: { logLines?: { lines: string[] }[] }[];
    };
    expect(
      reasons.stoppedTasks.flatMap((g) => g.logLines ?? []).map((t) => t.lines),
    ).toContainEqual(['Traceback (most recent call last):', 'ValueError: boom']);
    // One task definition read for the logs (the other one, with its tags, is the revision a
    // rollback went back to), and at most 3 tasks' streams.
    const entries = fixture.sim.log.entries({ afterSeq: mark });
    const calls = entries.map((e) => e.operation);
    const forLogs = entries.filter(
      (e) =>
        e.operation === 'DescribeTaskDefinition' &&
        (e.params as { include?: string[] }).include === undefined,
    );
    expect(forLogs).toHaveLength(1);
    expect(calls.filter((c) => c === 'DescribeTaskDefinition').length).toBeLessThanOrEqual(
      result.outputs.get('rollback-result') === '' ? 1 : 2,
    );
    const reads = calls.filter((c) => c === 'GetLogEvents').length;
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(3);
  }, 120_000);

  it('keeps the verdict, with one warning naming logs:GetLogEvents, when the logs cannot be read', async () => {
    fixture = await simFixture(seedWithImages({ broken: 'oom:1' }));
    const file = fixture.writeTaskDefinition('td-broken.json', `${fixture.registry}/web:broken`, {
      containerDefinitions: [
        {
          name: 'app',
          image: `${fixture.registry}/web:broken`,
          essential: true,
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'web' },
          },
        },
      ],
    });
    const started = await fixture.step('ecs-rolling-deploy', {
      cluster: 'demo',
      service: 'web',
      'task-definition': file,
      wait: 'false',
    });
    await fixture.sim.control.addFault({ target: 'logs:GetLogEvents', kind: 'access-denied' });
    const result = await wait({
      'deployment-id': started.outputs.get('deployment-id') ?? '',
      timeout: '2m',
    });
    expect(['failed', 'rolled-back']).toContain(result.outputs.get('result'));
    const warnings = result.annotations.filter(
      (a) => a.level === 'warning' && a.message.includes('last log lines'),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('Allow logs:GetLogEvents');
    expect(result.stdout).not.toMatch(/— last log lines$/m);
  }, 120_000);

  it('stops at once, with the permission it lacks, on AccessDenied', async () => {
    fixture = await simFixture(seedWithImages({ v2: '' }));
    const id = await start('v2');
    await fixture.sim.control.addFault({ target: 'ecs:DescribeServices', kind: 'access-denied' });
    const result = await wait({ 'deployment-id': id });
    expect(result.exitCode).toBe(1);
    expect(result.durationMs).toBeLessThan(10_000);
    expect(errorsOf(result)).toMatch(/AccessDenied/);
    expect(errorsOf(result)).toContain('ecs:DescribeServices');
  });

  it('stops at once when the credentials expire mid-wait', async () => {
    fixture = await simFixture(seedWithImages({ slow: 'slow:600' }));
    const id = await start('slow');
    await fixture.sim.control.addFault({ target: 'ecs:*', kind: 'expired-token', after: 2 });
    const result = await wait({ 'deployment-id': id });
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toMatch(/ExpiredToken/);
    expect(errorsOf(result)).toContain('role-duration-seconds');
  });

  it('fails quickly when the service is deleted mid-wait', async () => {
    fixture = await simFixture(seedWithImages({ slow: 'slow:600' }));
    const id = await start('slow');
    const ecs = new ECSClient({
      endpoint: fixture.sim.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    const waiting = wait({ 'deployment-id': id });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await ecs.send(new DeleteServiceCommand({ cluster: 'demo', service: 'web', force: true }));
    ecs.destroy();
    const result = await waiting;
    expect(result.exitCode).toBe(1);
    expect(result.outputs.get('result')).toBe('failed');
    expect(errorsOf(result)).toMatch(/INACTIVE|DRAINING|MISSING|deleted|inactive/i);
  });

  it('ends with one clear line when the runner cancels the step', async () => {
    fixture = await simFixture(seedWithImages({ slow: 'slow:600' }));
    const id = await start('slow');
    const result = await fixture.step(
      'wait-healthy',
      { cluster: 'demo', service: 'web', 'deployment-id': id },
      { cancel: { signal: 'SIGINT', when: (stdout) => stdout.includes('IN_PROGRESS') } },
    );
    expect(result.exitCode).toBe(1);
    expect(result.outputs.get('result')).toBe('cancelled');
    expect(result.annotations.at(-1)?.message).toMatch(/^wait-healthy: cancelled by SIGINT/);
  });

  it.each([
    [{ timeout: '0s' }, "Input 'timeout' is zero"],
    [
      { 'poll-min-interval': '100ms' },
      "Input 'poll-min-interval' is 100 ms. Expected at least 500ms",
    ],
    [{ 'health-url': 'ftp://x' }, "Input 'health-url' has the scheme ftp:"],
    [
      { 'health-expect-status': '200,abc', 'health-url': 'http://127.0.0.1:1/' },
      'Input \'health-expect-status\' has "abc"',
    ],
    [
      { 'check-target-health': 'yes' },
      'Input \'check-target-health\' is "yes". Expected one of: auto, true, false.',
    ],
    [{ cluster: '' }, "Input 'cluster' is required but empty"],
  ])('refuses %p before calling AWS', async (inputs, message) => {
    fixture = await simFixture(seedWithImages({}));
    const mark = fixture.sim.log.mark();
    const result = await wait(inputs);
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toContain(message);
    expect(fixture.sim.log.entries({ afterSeq: mark })).toEqual([]);
  });
});
