// The AWS CLI (botocore, built from AWS's own ECS and CloudWatch Logs models) against the
// simulator's standalone tasks: run-task with a network configuration and overrides,
// describe-tasks to STOPPED, list-tasks by startedBy, stop-task, and the container's log stream
// read with get-log-events — as ecs-run-task uses them, through a client that is not the JS SDK.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { awsCli, type AwsCli } from '@ecs-deploy/test-support/aws-cli';
import { AWS_CLI, requireTool } from '@ecs-deploy/test-support/tools';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';

const withAws = requireTool(AWS_CLI);

/** Each `aws` process costs about a CPU-second; the cases run several in a row. */
const CLI_TIMEOUT_MS = 180_000;

const T0 = Date.UTC(2026, 0, 1);
const CLUSTER = 'c';

interface CliContainer {
  name: string;
  lastStatus?: string;
  exitCode?: number;
  reason?: string;
}

interface CliTask {
  taskArn: string;
  lastStatus: string;
  desiredStatus: string;
  startedBy?: string;
  launchType?: string;
  stopCode?: string;
  stoppedReason?: string;
  containers: CliContainer[];
  overrides?: {
    containerOverrides?: {
      name: string;
      command?: string[];
      environment?: { name: string; value: string }[];
    }[];
  };
  attachments?: { type: string; details?: { name: string; value: string }[] }[];
}

const taskId = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** The one task of an answer. */
function only(tasks: CliTask[]): CliTask {
  expect(tasks).toHaveLength(1);
  const [task] = tasks;
  if (!task) throw new Error('no task in the answer');
  return task;
}

withAws.describe('the AWS CLI against the simulator: one-off tasks (RunTask, StopTask)', () => {
  const clock = new ManualClock(T0);
  let sim: Simulator;
  let cli: AwsCli;

  beforeAll(async () => {
    sim = await startSimulator({ seed: { clusters: [CLUSTER] }, clock });
    cli = awsCli(sim);
  });
  afterAll(async () => {
    cli.close();
    await sim.close();
  });

  /** Pushes `migrate:<tag>` with `labels` and registers family `migrate-<tag>` on it via the CLI. */
  async function register(tag: string, labels: Record<string, string>): Promise<string> {
    await sim.pushImage({ repository: 'migrate', tag, labels });
    const image = `${sim.ctx.registry.host}/migrate:${tag}`;
    const out = await cli.json<{ taskDefinition: { taskDefinitionArn: string } }>([
      'ecs',
      'register-task-definition',
      '--cli-input-json',
      cli.inputFile(`td-${tag}.json`, {
        family: `migrate-${tag}`,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: 'app',
            image,
            essential: true,
            command: ['./serve'],
            logConfiguration: {
              logDriver: 'awslogs',
              options: {
                'awslogs-group': '/ecs/x',
                'awslogs-region': 'us-east-1',
                'awslogs-stream-prefix': 'p',
              },
            },
          },
        ],
      }),
    ]);
    return out.taskDefinition.taskDefinitionArn;
  }

  /** `aws ecs run-task` as ecs-run-task calls RunTask: network, overrides, startedBy. */
  async function runTask(
    taskDefinition: string,
    startedBy: string,
  ): Promise<{ tasks: CliTask[]; failures: unknown[] }> {
    return cli.json([
      'ecs',
      'run-task',
      '--cluster',
      CLUSTER,
      '--task-definition',
      taskDefinition,
      '--count',
      '1',
      '--launch-type',
      'FARGATE',
      '--started-by',
      startedBy,
      '--network-configuration',
      JSON.stringify({
        awsvpcConfiguration: {
          subnets: ['subnet-1'],
          securityGroups: ['sg-1'],
          assignPublicIp: 'DISABLED',
        },
      }),
      '--overrides',
      JSON.stringify({
        containerOverrides: [
          {
            name: 'app',
            command: ['python', 'manage.py', 'migrate', '--noinput'],
            environment: [{ name: 'MODE', value: 'migrate' }],
          },
        ],
      }),
    ]);
  }

  async function describeTask(arn: string): Promise<CliTask> {
    const out = await cli.json<{ tasks: CliTask[]; failures: unknown[] }>([
      'ecs',
      'describe-tasks',
      '--cluster',
      CLUSTER,
      '--tasks',
      arn,
    ]);
    expect(out.failures).toEqual([]);
    const task = out.tasks[0];
    if (!task) throw new Error(`describe-tasks did not describe ${arn}`);
    return task;
  }

  async function listByStartedBy(startedBy: string, desiredStatus: string): Promise<string[]> {
    const out = await cli.json<{ taskArns: string[] }>([
      'ecs',
      'list-tasks',
      '--cluster',
      CLUSTER,
      '--started-by',
      startedBy,
      '--desired-status',
      desiredStatus,
    ]);
    return out.taskArns;
  }

  async function logLines(stream: string): Promise<string[]> {
    const out = await cli.json<{ events: { message: string }[] }>([
      'logs',
      'get-log-events',
      '--log-group-name',
      '/ecs/x',
      '--log-stream-name',
      stream,
      '--start-from-head',
    ]);
    return out.events.map((e) => e.message);
  }

  it(
    'run-task with a network configuration and overrides; describe-tasks to STOPPED, exit code 0; its log lines',
    async () => {
      const td = await register('ok', { 'sim.run-task': 'exit-after:3:0', 'sim.logs': 'one\ntwo' });
      const started = await runTask(td, 'ecs-run-task/migrate/app/ok');
      expect(started.failures).toEqual([]);
      const task = only(started.tasks);
      expect(task).toMatchObject({
        lastStatus: 'PROVISIONING',
        desiredStatus: 'RUNNING',
        startedBy: 'ecs-run-task/migrate/app/ok',
        launchType: 'FARGATE',
      });
      expect(task.taskArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/c\/[0-9a-f]{32}$/);
      expect(task.overrides?.containerOverrides).toEqual([
        {
          name: 'app',
          command: ['python', 'manage.py', 'migrate', '--noinput'],
          environment: [{ name: 'MODE', value: 'migrate' }],
        },
      ]);
      expect(await listByStartedBy('ecs-run-task/migrate/app/ok', 'RUNNING')).toEqual([
        task.taskArn,
      ]);

      clock.advance(30_000);
      const done = await describeTask(task.taskArn);
      expect(done).toMatchObject({
        lastStatus: 'STOPPED',
        desiredStatus: 'STOPPED',
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
      });
      expect(done.containers).toHaveLength(1);
      expect(done.containers[0]).toMatchObject({ name: 'app', lastStatus: 'STOPPED', exitCode: 0 });
      expect(await listByStartedBy('ecs-run-task/migrate/app/ok', 'RUNNING')).toEqual([]);
      expect(await listByStartedBy('ecs-run-task/migrate/app/ok', 'STOPPED')).toEqual([
        task.taskArn,
      ]);
      expect(await logLines(`p/app/${taskId(task.taskArn)}`)).toEqual(['one', 'two']);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'stop-task: the reason kept, stop code UserInitiated, STOPPED after',
    async () => {
      const td = await register('long', {
        'sim.run-task': 'exit-after:100:0',
        'sim.logs': 'a\nb\nc',
      });
      const started = await runTask(td, 'ecs-run-task/migrate/app/long');
      const arn = only(started.tasks).taskArn;
      clock.advance(8_500);
      expect((await describeTask(arn)).lastStatus).toBe('RUNNING');
      const stopping = await cli.json<{ task: CliTask }>([
        'ecs',
        'stop-task',
        '--cluster',
        CLUSTER,
        '--task',
        arn,
        '--reason',
        'ecs-run-task: timed out after 30m',
      ]);
      expect(stopping.task).toMatchObject({
        taskArn: arn,
        desiredStatus: 'STOPPED',
        stopCode: 'UserInitiated',
        stoppedReason: 'ecs-run-task: timed out after 30m',
      });
      clock.advance(60_000);
      const stopped = await describeTask(arn);
      expect(stopped).toMatchObject({
        lastStatus: 'STOPPED',
        stopCode: 'UserInitiated',
        stoppedReason: 'ecs-run-task: timed out after 30m',
      });
      expect(stopped.containers[0]).toMatchObject({ name: 'app', exitCode: 143 });
      expect(await listByStartedBy('ecs-run-task/migrate/app/long', 'RUNNING')).toEqual([]);
      expect(await logLines(`p/app/${taskId(arn)}`)).toEqual(['a']);
    },
    CLI_TIMEOUT_MS,
  );
});
