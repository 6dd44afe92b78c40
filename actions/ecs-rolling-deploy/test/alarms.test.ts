// ecs-rolling-deploy through its bundle on a service with deployment alarms
// (docs/aws-behaviour.md#deployment-alarms), set up and set off with the AWS CLI as an operator
// would: an alarm that goes to ALARM during the deploy makes ECS roll it back, and the step's
// error names the alarm, its state reason and when it fired. The alarms are the service's own,
// or set by the `alarms` input.
import { afterAll, beforeAll, expect } from '@jest/globals';
import { awsCli, type AwsCli } from '@ecs-deploy/test-support/aws-cli';
import { AWS_CLI, requireTool } from '@ecs-deploy/test-support/tools';
import { errorsOf, seedWithImages, simFixture, type SimFixture } from '@ecs-deploy/test-support';

const withAws = requireTool(AWS_CLI);

interface Deployment {
  status?: string;
  taskDefinition?: string;
  runningCount?: number;
  rolloutState?: string;
}
interface DescribedService {
  services: {
    taskDefinition?: string;
    deployments?: Deployment[];
    deploymentConfiguration?: { alarms?: { alarmNames?: string[]; enable?: boolean } };
  }[];
}

withAws.describe('ecs-rolling-deploy with deployment alarms', () => {
  let fixture: SimFixture;
  let cli: AwsCli;

  // Period 60 s × 5 evaluation periods: the simulator bakes for 300 simulated seconds, so the
  // deployment stays IN_PROGRESS long enough to set an alarm off while it runs.
  const putAlarm = async (name: string): Promise<void> => {
    await cli.json([
      'cloudwatch',
      'put-metric-alarm',
      '--alarm-name',
      name,
      '--namespace',
      'AWS/ApplicationELB',
      '--metric-name',
      'HTTPCode_Target_5XX_Count',
      '--statistic',
      'Sum',
      '--period',
      '60',
      '--evaluation-periods',
      '5',
      '--threshold',
      '10',
      '--comparison-operator',
      'GreaterThanThreshold',
    ]);
  };

  beforeAll(async () => {
    fixture = await simFixture(seedWithImages({ v2: 'slow:60', v3: 'slow:60' }));
    cli = awsCli(fixture.sim);
    await putAlarm('web-5xx');
    await putAlarm('web-latency');
  }, 60_000);
  afterAll(async () => {
    cli.close();
    await fixture.close();
  });

  const describeWeb = async (): Promise<DescribedService['services'][number] | undefined> =>
    (
      await cli.json<DescribedService>([
        'ecs',
        'describe-services',
        '--cluster',
        'demo',
        '--services',
        'web',
      ])
    ).services[0];

  /** Waits until the PRIMARY deployment runs tasks of another revision than `before`. */
  const newTasksRunning = async (before: string | undefined): Promise<void> => {
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      const primary = (await describeWeb())?.deployments?.find((d) => d.status === 'PRIMARY');
      if (
        primary !== undefined &&
        primary.taskDefinition !== before &&
        primary.rolloutState === 'IN_PROGRESS' &&
        (primary.runningCount ?? 0) > 0
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the new deployment never ran a task');
  };

  /** Deploys `tag`, setting `alarm` to ALARM once the new tasks run. */
  const deployAndFire = async (
    tag: string,
    alarm: string,
    inputs: Record<string, string> = {},
  ): ReturnType<SimFixture['step']> => {
    const before = (await describeWeb())?.taskDefinition;
    const step = fixture.step('ecs-rolling-deploy', {
      cluster: 'demo',
      service: 'web',
      'task-definition': fixture.writeTaskDefinition(
        `web-${tag}.json`,
        `${fixture.registry}/web:${tag}`,
      ),
      'poll-min-interval': '500ms',
      'poll-max-interval': '1s',
      'wait-for-rollback': 'false',
      timeout: '2m',
      ...inputs,
    });
    await newTasksRunning(before);
    await cli.json([
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      alarm,
      '--state-value',
      'ALARM',
      '--state-reason',
      'Threshold Crossed: 1 datapoint [42.0] was greater than the threshold (10.0).',
    ]);
    return step;
  };

  withAws.it(
    "fails, rolled back, naming the service's own alarm that fired and why",
    async () => {
      await cli.json([
        'ecs',
        'update-service',
        '--cluster',
        'demo',
        '--service',
        'web',
        '--deployment-configuration',
        'alarms={alarmNames=[web-5xx],enable=true,rollback=true}',
      ]);
      const result = await deployAndFire('v2', 'web-5xx');
      expect(result.exitCode).toBe(1);
      expect(result.outputs.get('result')).toBe('rolled-back');
      const errors = errorsOf(result);
      expect(errors).toMatch(
        /alarm web-5xx went to ALARM at \d\d:\d\d:\d\dZ: Threshold Crossed: 1 datapoint \[42\.0\]/,
      );
      const reasons = JSON.parse(result.outputs.get('reasons') ?? '{}') as {
        alarms?: { name: string; state?: string }[];
      };
      expect(reasons.alarms).toEqual([
        expect.objectContaining({ name: 'web-5xx', state: 'ALARM' }),
      ]);
      expect(result.summary).toMatch(/\*\*Alarms watched\*\*/);
      expect(result.summary).toMatch(/- web-5xx: ALARM since/);
    },
    120_000,
  );

  withAws.it(
    'sets the alarms from the `alarms` input, and names the one that fired',
    async () => {
      const result = await deployAndFire('v3', 'web-latency', {
        alarms: 'web-latency',
        'alarm-rollback': 'true',
      });
      const configured = (await describeWeb())?.deploymentConfiguration?.alarms;
      expect(configured).toMatchObject({ alarmNames: ['web-latency'], enable: true });
      expect(result.exitCode).toBe(1);
      expect(result.outputs.get('result')).toBe('rolled-back');
      expect(errorsOf(result)).toMatch(/alarm web-latency went to ALARM at .*Threshold Crossed/);
      expect(errorsOf(result)).not.toMatch(/web-5xx/);
    },
    120_000,
  );
});
