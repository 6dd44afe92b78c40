import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type RunTaskCommandInput,
  type RunTaskCommandOutput,
  type Task,
} from '@aws-sdk/client-ecs';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';
import { taskDefinition, testSeed } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } };

// Standalone tasks (RunTask/StopTask) through the SDK on a manual clock: their lifecycle, stop
// codes, the container's CloudWatch log lines, and RunTask's checks.
describe('RunTask and StopTask', () => {
  const clock = new ManualClock();
  let sim: Simulator;
  let aws: Clients;
  let logs: CloudWatchLogsClient;
  let registry = '';

  beforeAll(async () => {
    sim = await startSimulator({ seed: testSeed({ desiredCount: 1 }), clock });
    aws = clientsFor(sim);
    logs = new CloudWatchLogsClient({
      endpoint: sim.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    });
    registry = sim.ctx.registry.host;
  });
  afterAll(async () => {
    aws.destroy();
    logs.destroy();
    await sim.close();
  });

  /** Registers family `migrate` on `web:<tag>` with an awslogs configuration. */
  async function migrateDefinition(tag: string): Promise<string> {
    const base = taskDefinition(`${registry}/web:${tag}`);
    const out = await aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        ...base,
        family: 'migrate',
        containerDefinitions: [
          {
            name: 'app',
            image: `${registry}/web:${tag}`,
            logConfiguration: {
              logDriver: 'awslogs',
              options: {
                'awslogs-group': '/ecs/web',
                'awslogs-region': 'us-east-1',
                'awslogs-stream-prefix': 'ecs',
              },
            },
          },
        ],
      }),
    );
    return out.taskDefinition?.taskDefinitionArn ?? '';
  }

  async function run(
    input: Partial<RunTaskCommandInput> & { taskDefinition: string },
  ): Promise<RunTaskCommandOutput> {
    return aws.ecs.send(
      new RunTaskCommand({
        cluster: 'c',
        launchType: 'FARGATE',
        networkConfiguration: NETWORK,
        ...input,
      }),
    );
  }

  async function describe1(arn: string): Promise<Task> {
    const out = await aws.ecs.send(new DescribeTasksCommand({ cluster: 'c', tasks: [arn] }));
    const task = out.tasks?.[0];
    if (!task) throw new Error(`task ${arn} not described`);
    return task;
  }

  async function lines(stream: string): Promise<string[]> {
    const out = await logs.send(
      new GetLogEventsCommand({
        logGroupName: '/ecs/web',
        logStreamName: stream,
        startFromHead: true,
      }),
    );
    return (out.events ?? []).map((e) => e.message ?? '');
  }

  it('runs a migration PROVISIONING → PENDING → RUNNING → STOPPED, its lines appearing as written', async () => {
    await sim.pushImage({
      repository: 'web',
      tag: 'migrate-ok',
      labels: {
        'sim.scenario': 'exit-after:3:0',
        'sim.logs': 'Operations to perform:\nApplying app.0001_initial... OK\nApplied 3 migrations',
      },
    });
    const td = await migrateDefinition('migrate-ok');
    const out = await run({
      taskDefinition: td,
      startedBy: 'ecs-run-task/migrate',
      overrides: {
        containerOverrides: [{ name: 'app', command: ['python', 'manage.py', 'migrate'] }],
      },
      tags: [{ key: 'ecs-deploy:run', value: 'migrate' }],
    });
    expect(out.failures).toEqual([]);
    const started = out.tasks?.[0];
    expect(started).toMatchObject({
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      group: 'family:migrate',
      startedBy: 'ecs-run-task/migrate',
      launchType: 'FARGATE',
      tags: [{ key: 'ecs-deploy:run', value: 'migrate' }],
    });
    expect(started?.overrides?.containerOverrides).toEqual([
      { name: 'app', command: ['python', 'manage.py', 'migrate'] },
    ]);
    const arn = started?.taskArn ?? '';
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    const seen: string[] = [];
    for (let s = 0; s < 30; s++) {
      const task = await describe1(arn);
      if (seen.at(-1) !== task.lastStatus) seen.push(task.lastStatus ?? '');
      if (task.lastStatus === 'STOPPED') break;
      clock.advance(1000);
    }
    expect(seen).toEqual(['PROVISIONING', 'PENDING', 'RUNNING', 'STOPPED']);
    const stopped = await describe1(arn);
    expect(stopped).toMatchObject({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
    });
    expect(stopped.containers?.[0]).toMatchObject({
      name: 'app',
      exitCode: 0,
      lastStatus: 'STOPPED',
    });
    expect(await lines(`ecs/app/${id}`)).toEqual([
      'Operations to perform:',
      'Applying app.0001_initial... OK',
      'Applied 3 migrations',
    ]);
    const listed = await aws.ecs.send(
      new ListTasksCommand({
        cluster: 'c',
        startedBy: 'ecs-run-task/migrate',
        desiredStatus: 'STOPPED',
      }),
    );
    expect(listed.taskArns).toEqual([arn]);
  });

  it('shows a line only once the clock has reached it, and the exit code of a failed run', async () => {
    await sim.pushImage({
      repository: 'web',
      tag: 'migrate-bad',
      labels: { 'sim.scenario': 'exit-after:4:3', 'sim.logs': 'one\ntwo\nthree' },
    });
    const td = await migrateDefinition('migrate-bad');
    const arn = (await run({ taskDefinition: td })).tasks?.[0]?.taskArn ?? '';
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    // PROVISIONING 2 s + PENDING 5 s: RUNNING at 7 s, lines at 8, 9, 10 s, exit at 11 s.
    clock.advance(7000);
    expect((await describe1(arn)).lastStatus).toBe('RUNNING');
    expect(await lines(`ecs/app/${id}`)).toEqual([]);
    clock.advance(1000);
    expect(await lines(`ecs/app/${id}`)).toEqual(['one']);
    clock.advance(3000);
    expect(await lines(`ecs/app/${id}`)).toEqual(['one', 'two', 'three']);
    const task = await describe1(arn);
    expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' });
    expect(task.containers?.[0]?.exitCode).toBe(3);
  });

  it('StopTask stops a running task as UserInitiated, and it writes nothing after', async () => {
    await sim.pushImage({
      repository: 'web',
      tag: 'long',
      labels: { 'sim.scenario': 'exit-after:100:0', 'sim.logs': 'a\nb\nc\nd' },
    });
    const td = await migrateDefinition('long');
    const arn = (await run({ taskDefinition: td })).tasks?.[0]?.taskArn ?? '';
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    clock.advance(8_500); // running since 7 s; lines due at 8, 9, 10, 11 s
    const stopping = await aws.ecs.send(
      new StopTaskCommand({ cluster: 'c', task: arn, reason: 'Cancelled by ecs-run-task' }),
    );
    expect(stopping.task).toMatchObject({
      desiredStatus: 'STOPPED',
      stopCode: 'UserInitiated',
      stoppedReason: 'Cancelled by ecs-run-task',
    });
    clock.advance(60_000);
    const task = await describe1(arn);
    expect(task.lastStatus).toBe('STOPPED');
    expect(task.containers?.[0]?.exitCode).toBe(143);
    expect(await lines(`ecs/app/${id}`)).toEqual(['a']);
    // Stopping it again changes nothing.
    const again = await aws.ecs.send(new StopTaskCommand({ cluster: 'c', task: id }));
    expect(again.task?.stoppedReason).toBe('Cancelled by ecs-run-task');
  });

  it('uses the sim.run-task label for a RunTask task and sim.scenario for the service', async () => {
    await sim.pushImage({
      repository: 'web',
      tag: 'both',
      labels: { 'sim.scenario': 'healthy', 'sim.run-task': 'exit-after:2:0' },
    });
    const td = await migrateDefinition('both');
    const arn = (await run({ taskDefinition: td })).tasks?.[0]?.taskArn ?? '';
    clock.advance(10_000);
    expect((await describe1(arn)).lastStatus).toBe('STOPPED');
  });

  it('fails to start on an image that is not in the registry, with no log lines', async () => {
    const td = await migrateDefinition('missing');
    const arn = (await run({ taskDefinition: td })).tasks?.[0]?.taskArn ?? '';
    clock.advance(10_000);
    const task = await describe1(arn);
    expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart' });
    expect(task.stoppedReason).toMatch(/^CannotPullContainerError: /);
    expect(task.containers?.[0]?.exitCode).toBeUndefined();
  });

  it('returns the first call’s tasks for a repeated clientToken', async () => {
    const td = await migrateDefinition('v1');
    const first = await run({ taskDefinition: td, clientToken: 'token-1' });
    const second = await run({ taskDefinition: td, clientToken: 'token-1' });
    expect(second.tasks?.map((t) => t.taskArn)).toEqual(first.tasks?.map((t) => t.taskArn));
    const listed = await aws.ecs.send(new ListTasksCommand({ cluster: 'c', family: 'migrate' }));
    expect(listed.taskArns?.filter((a) => a === first.tasks?.[0]?.taskArn)).toHaveLength(1);
  });

  it('StopTask on a service task: the service starts a replacement', async () => {
    const listed = await aws.ecs.send(new ListTasksCommand({ cluster: 'c', serviceName: 'svc' }));
    const arn = listed.taskArns?.[0] ?? '';
    await aws.ecs.send(new StopTaskCommand({ cluster: 'c', task: arn }));
    clock.advance(60_000);
    expect((await describe1(arn)).stoppedReason).toBe('Task stopped by user');
    const svc = await aws.ecs.send(
      new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }),
    );
    expect(svc.services?.[0]?.runningCount).toBe(1);
  });

  describe('refuses before starting anything', () => {
    const cases: [string, (td: string) => Partial<RunTaskCommandInput>, string][] = [
      [
        'no network for awsvpc',
        () => ({ networkConfiguration: undefined }),
        "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
      ],
      [
        'empty subnets',
        () => ({ networkConfiguration: { awsvpcConfiguration: { subnets: [] } } }),
        'subnets can not be empty.',
      ],
      [
        'unknown container override',
        () => ({ overrides: { containerOverrides: [{ name: 'web', command: ['x'] }] } }),
        'Override for container named web is not a container in the TaskDefinition.',
      ],
      [
        'EC2 on a Fargate-only definition',
        () => ({ launchType: undefined }),
        'Task definition does not support launch_type EC2.',
      ],
      ['count above 10', () => ({ count: 11 }), 'count must be between 1 and 10.'],
      [
        'startedBy with spaces',
        () => ({ startedBy: 'my run' }),
        'startedBy may hold up to 128 letters',
      ],
      ['unknown family', () => ({ taskDefinition: 'nope' }), 'TaskDefinition not found.'],
    ];
    it.each(cases)('%s', async (_name, change, message) => {
      const td = await migrateDefinition('v1');
      const before = sim.ctx.world.tasks.size;
      await expect(run({ taskDefinition: td, ...change(td) })).rejects.toThrow(message);
      expect(sim.ctx.world.tasks.size).toBe(before);
    });

    it('a network configuration for a bridge-mode definition', async () => {
      const out = await aws.ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'bridge',
          networkMode: 'bridge',
          containerDefinitions: [{ name: 'app', image: `${registry}/web:v1`, memory: 128 }],
        }),
      );
      await expect(
        run({ taskDefinition: out.taskDefinition?.taskDefinitionArn ?? '', launchType: 'EC2' }),
      ).rejects.toThrow(
        'Network Configuration is not valid for the given networkMode of this task definition.',
      );
    });

    it('an inactive revision', async () => {
      const td = await migrateDefinition('v1');
      await aws.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: td }));
      await expect(run({ taskDefinition: td })).rejects.toThrow('TaskDefinition is inactive');
    });
  });
});
