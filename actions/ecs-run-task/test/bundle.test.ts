// ecs-run-task through its bundle, as the runner runs it, against the simulator: one-off tasks
// with their CloudWatch log lines, failures, refusals before any AWS call, timeout and cancel.
import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { errorsOf, seedWithImages, simFixture, type SimFixture } from '@ecs-deploy/test-support';

let fixture: SimFixture;
afterEach(async () => {
  await fixture.close();
});

const AWSLOGS = {
  logDriver: 'awslogs',
  options: {
    'awslogs-group': '/ecs/web',
    'awslogs-region': 'us-east-1',
    'awslogs-stream-prefix': 'web',
  },
};

/** A simulator with image `web:<tag>` carrying `labels`, and a task definition file on it. */
async function setUp(tag: string, labels: Record<string, string>): Promise<string> {
  fixture = await simFixture(seedWithImages({}));
  await fixture.sim.pushImage({ repository: 'web', tag, labels });
  return fixture.writeTaskDefinition('td.json', `${fixture.registry}/web:${tag}`, {
    containerDefinitions: [
      {
        name: 'app',
        image: `${fixture.registry}/web:${tag}`,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        logConfiguration: AWSLOGS,
      },
    ],
  });
}

const run = (inputs: Record<string, string>, extra = {}): ReturnType<SimFixture['step']> =>
  fixture.step('ecs-run-task', { cluster: 'demo', ...inputs }, extra);

describe('ecs-run-task bundle', () => {
  it('runs a migration that exits 0: its log line in the job log, exit-code 0, nothing else changed', async () => {
    const file = await setUp('migrate', {
      'sim.scenario': 'exit-after:3:0',
      'sim.logs': 'Operations to perform:\nApplied 3 migrations',
    });
    const mark = fixture.sim.log.mark();
    const result = await run({
      service: 'web',
      'task-definition': file,
      'container-name': 'app',
      command: 'python manage.py migrate --noinput',
    });
    expect(errorsOf(result)).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Applied 3 migrations');
    expect(result.stdout).toMatch(/PROVISIONING → (?:.* → )?RUNNING → STOPPED/);
    expect(result.outputs.get('exit-code')).toBe('0');
    expect(result.outputs.get('stopped-reason')).toBe('Essential container in task exited');
    expect(result.outputs.get('task-arn')).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:task\/demo\/[0-9a-f]{32}$/,
    );
    const id = (result.outputs.get('task-arn') ?? '').split('/').pop() ?? '';
    expect(result.outputs.get('log-url')).toBe(
      `https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Fecs$252Fweb/log-events/web$252Fapp$252F${id}`,
    );
    expect(result.summary).toContain('Applied 3 migrations');
    expect(fixture.mutatingSince(mark)).toEqual(['ecs:RegisterTaskDefinition', 'ecs:RunTask']);
    expect(result.outputs.get('task-definition-arn')).toBe(
      'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2',
    );
    const runTask = fixture.sim.log
      .entries({ afterSeq: mark })
      .find((e) => e.operation === 'RunTask');
    expect(runTask?.params).toMatchObject({
      cluster: 'demo',
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0sim0000000000001'],
          securityGroups: ['sg-0sim000000000001'],
          assignPublicIp: 'DISABLED',
        },
      },
      overrides: {
        containerOverrides: [
          { name: 'app', command: ['python', 'manage.py', 'migrate', '--noinput'] },
        ],
      },
    });
  }, 60_000);

  it('fails on exit code 3, naming it, with the last lines, and never touches the service', async () => {
    const file = await setUp('bad-migrate', {
      'sim.scenario': 'exit-after:3:3',
      'sim.logs':
        'Traceback (most recent call last):\ndjango.db.utils.OperationalError: no such table',
    });
    const mark = fixture.sim.log.mark();
    const result = await run({
      service: 'web',
      'task-definition': file,
      'container-name': 'app',
      command: '["python", "manage.py", "migrate"]',
    });
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toMatch(/essential container 'app' ended with exit code 3/);
    expect(errorsOf(result)).toContain('EssentialContainerExited');
    expect(result.outputs.get('exit-code')).toBe('3');
    expect(errorsOf(result)).toContain(
      'Last 2 lines of its log:\n  Traceback (most recent call last):\n  django.db.utils.OperationalError: no such table',
    );
    expect(result.stdout).toContain('django.db.utils.OperationalError: no such table');
    expect(result.summary).toContain('django.db.utils.OperationalError: no such table');
    const calls = fixture.sim.log.entries({ afterSeq: mark }).map((e) => e.operation);
    expect(calls).not.toContain('UpdateService');
  }, 60_000);

  it('prints a container line that looks like a workflow command, and obeys none', async () => {
    const file = await setUp('tricky', {
      'sim.scenario': 'exit-after:2:0',
      'sim.logs': '::error::not from us\n::set-output name=exit-code::99',
    });
    const result = await run({ service: 'web', 'task-definition': file, command: 'true' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('::error::not from us');
    expect(errorsOf(result)).toBe('');
    expect(result.outputs.get('exit-code')).toBe('0');
  }, 60_000);

  it('refuses a task role of another account than the service’s, before any change', async () => {
    const file = await setUp('roles', { 'sim.scenario': 'exit-after:1:0' });
    const definition = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      file,
      JSON.stringify({ ...definition, taskRoleArn: 'arn:aws:iam::999999999999:role/other' }),
    );
    const mark = fixture.sim.log.mark();
    const result = await run({ service: 'web', 'task-definition': file, command: 'true' });
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toMatch(/taskRoleArn .*999999999999.*account 123456789012/);
    expect(fixture.mutatingSince(mark)).toEqual([]);
  });

  it.each([
    [
      'no service and no subnets',
      {},
      "Input 'subnets' is empty and no service is given to copy the network from",
    ],
    [
      'a container not in the task definition',
      { service: 'web', 'container-name': 'worker' },
      'Input \'container-name\' is "worker", which is not a container of the task definition',
    ],
    [
      'no command and none in the definition',
      { service: 'web', command: '' },
      "Input 'command' is empty, and container 'app' has no command in the task definition",
    ],
    [
      'an unterminated quote in the command',
      { service: 'web', command: "python -c 'print(1)" },
      "Input 'command'",
    ],
  ])('refuses before any AWS call: %s', async (_name, inputs, message) => {
    const file = await setUp('v2', { 'sim.scenario': 'exit-after:1:0' });
    const mark = fixture.sim.log.mark();
    const result = await run({
      command: 'python manage.py migrate',
      'task-definition': file,
      ...inputs,
    });
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toContain(message);
    expect(fixture.sim.log.entries({ afterSeq: mark })).toEqual([]);
  });

  it('stops the task with StopTask when it runs past the timeout', async () => {
    const file = await setUp('long', {
      'sim.scenario': 'exit-after:3600:0',
      'sim.logs': 'working',
    });
    const mark = fixture.sim.log.mark();
    const result = await run({
      service: 'web',
      'task-definition': file,
      command: 'sleep 3600',
      timeout: '3s',
    });
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toMatch(
      /ran longer than the timeout \(3s\) and was stopped with StopTask/,
    );
    const stop = fixture.sim.log
      .entries({ afterSeq: mark })
      .find((e) => e.operation === 'StopTask');
    expect(stop?.params).toMatchObject({ reason: 'ecs-run-task: timed out after 3s' });
    expect(result.outputs.get('stopped-reason')).toBe('ecs-run-task: timed out after 3s');
    expect(result.outputs.get('exit-code')).toBe('143');
  }, 60_000);

  it('stops the task when the run is cancelled, and says so', async () => {
    const file = await setUp('cancel', {
      'sim.scenario': 'exit-after:3600:0',
      'sim.logs': 'started work',
    });
    const mark = fixture.sim.log.mark();
    const result = await run(
      { service: 'web', 'task-definition': file, command: 'sleep 3600' },
      { cancel: { signal: 'SIGINT', when: (out: string) => out.includes('started work') } },
    );
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toContain('The run was cancelled: stopped task');
    const ops = fixture.sim.log.entries({ afterSeq: mark }).map((e) => e.operation);
    expect(ops).toContain('StopTask');
  }, 60_000);

  it('finds an earlier run still going: refuses with fail, waits for it with wait', async () => {
    // 120 s at the fixture's ×30 clock: about 4 s of real time, long enough for the refused run.
    const file = await setUp('slowmig', { 'sim.scenario': 'exit-after:120:0' });
    const inputs = { service: 'web', 'task-definition': file, command: 'python manage.py migrate' };
    const first = await run({ ...inputs, wait: 'false' });
    expect(errorsOf(first)).toBe('');
    const firstArn = first.outputs.get('task-arn') ?? '';
    const mark = fixture.sim.log.mark();
    const refused = await run({ ...inputs, 'if-already-running': 'fail' });
    expect(refused.exitCode).toBe(1);
    expect(fixture.mutatingSince(mark)).toEqual([]);
    expect(errorsOf(refused)).toContain(
      `Refusing to start a second run while ${firstArn.split('/').pop() ?? ''}`,
    );
    const waited = await run(inputs);
    expect(errorsOf(waited)).toBe('');
    expect(waited.stdout).toMatch(/The earlier run .* has stopped; starting this one/);
    expect(waited.outputs.get('task-arn')).not.toBe(firstArn);
  }, 90_000);

  it('runs a registered revision given as family:revision, without registering anything', async () => {
    await setUp('v3', { 'sim.scenario': 'exit-after:1:0' });
    const mark = fixture.sim.log.mark();
    // web:1 runs web:v1, a server that never exits: the timeout stops it.
    const result = await run({
      service: 'web',
      'task-definition': 'web:1',
      command: 'true',
      timeout: '2s',
    });
    expect(fixture.mutatingSince(mark)).toEqual(['ecs:RunTask', 'ecs:StopTask']);
    expect(result.outputs.get('task-arn')).toMatch(/task\/demo\//);
    expect(errorsOf(result)).toContain('ran longer than the timeout (2s)');
  }, 60_000);
});
