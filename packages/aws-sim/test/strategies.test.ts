// ECS's native BLUE_GREEN, LINEAR and CANARY strategies on a manual clock
// (docs/aws-behaviour.md#native-deployment-strategies): the lifecycle stages in order, the
// production traffic share as target registrations (DescribeTargetHealth), the bake times, and a
// rollback that sends traffic back to the blue tasks.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CloudWatchClient,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type DeploymentConfiguration,
  type Service,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';
import { taskDefinition, testSeed } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee';
const ROLE = 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers';
const ALARM = 'web-5xx';

/** Stages a deployment goes through when one revision runs before it (no RECONCILE_SERVICE). */
const STAGES = [
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

function seed(): ReturnType<typeof testSeed> {
  const base = testSeed({ desiredCount: 2 });
  const groups = base.targetGroups ?? [];
  return {
    ...base,
    targetGroups: [...groups, ...groups.map((tg) => ({ ...tg, name: 'tg-alt' }))],
    services: [],
  };
}

describe('native deployment strategies', () => {
  let clock: ManualClock;
  let sim: Simulator;
  let aws: Clients;
  let production: string;
  let alternate: string;

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 0, 1));
    sim = await startSimulator({ seed: seed(), clock });
    aws = clientsFor(sim, 1);
    const groups = await aws.elb.send(new DescribeTargetGroupsCommand({ Names: ['tg', 'tg-alt'] }));
    production = groups.TargetGroups?.[0]?.TargetGroupArn ?? '';
    alternate = groups.TargetGroups?.[1]?.TargetGroupArn ?? '';
  });
  afterEach(async () => {
    aws.destroy();
    await sim.close();
  });

  const describeSvc = async (): Promise<Service> => {
    const out = await aws.ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['bg'] }));
    const svc = out.services?.[0];
    if (!svc) throw new Error('service missing');
    return svc;
  };

  const serviceDeployment = async (arn: string): Promise<ServiceDeployment> => {
    const out = await aws.ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }),
    );
    const sd = out.serviceDeployments?.[0];
    if (!sd) throw new Error('service deployment missing');
    return sd;
  };

  /** IP → state of the targets in a target group. */
  const targets = async (tg: string): Promise<Record<string, string>> => {
    const out = await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    return Object.fromEntries(
      (out.TargetHealthDescriptions ?? []).map((d) => [
        d.Target?.Id ?? '',
        d.TargetHealth?.State ?? '',
      ]),
    );
  };

  /** The IPs of the tasks of a deployment that the scheduler keeps running. */
  const ipsOf = (deploymentId: string): string[] =>
    [...sim.ctx.world.tasks.values()]
      .filter((t) => t.deploymentId === deploymentId && t.desiredStatus === 'RUNNING')
      .map((t) => t.ip)
      .sort();

  const keys = (o: Record<string, string>): string[] => Object.keys(o).sort();

  const until = async (done: (svc: Service) => boolean, limit = 900): Promise<Service> => {
    for (let s = 0; s < limit; s++) {
      const svc = await describeSvc();
      if (done(svc)) return svc;
      clock.advance(1000);
    }
    throw new Error('condition not reached');
  };

  /** Creates service bg on web:1 with the strategy and waits for its first deployment. */
  const create = async (dc: DeploymentConfiguration): Promise<Service> => {
    await aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'c',
        serviceName: 'bg',
        taskDefinition: 'web',
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
        loadBalancers: [
          {
            targetGroupArn: production,
            containerName: 'app',
            containerPort: 8080,
            advancedConfiguration: {
              alternateTargetGroupArn: alternate,
              productionListenerRule: RULE,
              roleArn: ROLE,
            },
          },
        ],
        deploymentConfiguration: dc,
      }),
    );
    return until((svc) => svc.deployments?.[0]?.rolloutState === 'COMPLETED');
  };

  const deploy = async (tag: string): Promise<{ blueId: string; greenId: string; sd: string }> => {
    const before = await describeSvc();
    const td = await aws.ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition(`${sim.ctx.registry.host}/web:${tag}`)),
    );
    const out = await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'c',
        service: 'bg',
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
      }),
    );
    return {
      blueId: before.deployments?.[0]?.id ?? '',
      greenId: out.service?.deployments?.[0]?.id ?? '',
      sd: out.service?.currentServiceDeployment ?? '',
    };
  };

  it.each([
    {
      strategy: 'BLUE_GREEN' as const,
      config: {},
      weights: [0, 100],
      stepWaitS: 0,
    },
    {
      strategy: 'LINEAR' as const,
      config: { linearConfiguration: { stepPercent: 40, stepBakeTimeInMinutes: 1 } },
      weights: [0, 40, 80, 100],
      stepWaitS: 60,
    },
    {
      strategy: 'CANARY' as const,
      config: { canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 } },
      weights: [0, 10, 100],
      stepWaitS: 120,
    },
  ])(
    '$strategy: stages in order, traffic at each step, bake times, COMPLETED',
    async ({ strategy, config, weights, stepWaitS }) => {
      const first = await create({
        strategy,
        bakeTimeInMinutes: 2,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        ...config,
      });
      expect(first.deploymentConfiguration).toMatchObject({
        strategy,
        bakeTimeInMinutes: 2,
        ...config,
      });
      // The first deployment has no blue to shift from: it ends in the production target group.
      const blueIps = ipsOf(first.deployments?.[0]?.id ?? '');
      expect(first.deployments?.[0]?.runningCount).toBe(2);
      clock.advance(30_000);
      expect(keys(await targets(production))).toEqual(blueIps);
      expect(await targets(alternate)).toEqual({});

      const { blueId, greenId, sd } = await deploy('v2');
      expect((await serviceDeployment(sd)).lifecycleStage).toBe('PRE_SCALE_UP');

      const stages: string[] = [];
      const seenWeights: number[] = [];
      const stageAt = new Map<string, number>();
      const weightAt = new Map<number, number>();
      for (let s = 0; s < 1200; s++) {
        const svc = await describeSvc();
        const record = await serviceDeployment(sd);
        const stage = record.lifecycleStage ?? '';
        if (stages.at(-1) !== stage) {
          stages.push(stage);
          stageAt.set(stage, clock.now());
          const prod = keys(await targets(production));
          const alt = keys(await targets(alternate));
          const green = ipsOf(greenId);
          if (stage === 'POST_SCALE_UP') {
            // The full green set runs beside blue, in the alternate target group only.
            expect(
              svc.deployments?.map((d) => [d.id, d.status, d.rolloutState, d.runningCount]),
            ).toEqual([
              [greenId, 'PRIMARY', 'IN_PROGRESS', 2],
              [blueId, 'ACTIVE', 'COMPLETED', 2],
            ]);
            expect(alt).toEqual(green);
            expect(prod).toEqual(blueIps);
          }
          if (stage === 'BAKE_TIME') {
            // Production is green's; blue still runs (drained from production) for a rollback.
            expect(svc.deployments?.find((d) => d.id === blueId)?.runningCount).toBe(2);
            const health = await targets(production);
            for (const ip of green) expect(health[ip]).toBeDefined();
            for (const ip of blueIps) expect(health[ip]).toBe('draining');
          }
        }
        const w = sim
          .state()
          .services[0]?.deployments.find((d) => d.id === greenId)?.trafficPercent;
        if (w !== undefined && seenWeights.at(-1) !== w) {
          seenWeights.push(w);
          weightAt.set(w, clock.now());
          const prod = keys(await targets(production));
          const green = ipsOf(greenId);
          if (w > 0 && w < 100) expect(prod).toEqual([...blueIps, ...green].sort());
        }
        if (svc.deployments?.length === 1 && svc.deployments[0]?.rolloutState === 'COMPLETED')
          break;
        clock.advance(1000);
      }
      expect(stages).toEqual(STAGES);
      expect(seenWeights).toEqual(weights);
      // Each partial shift holds for its step bake time; the bake time follows the last shift.
      for (let i = 1; i < weights.length - 1; i++) {
        const held =
          (weightAt.get(weights[i + 1] ?? 0) ?? 0) - (weightAt.get(weights[i] ?? 0) ?? 0);
        expect(held).toBeGreaterThanOrEqual(stepWaitS * 1000);
        expect(held).toBeLessThanOrEqual(stepWaitS * 1000 + 1000);
      }
      const baked = (stageAt.get('CLEAN_UP') ?? 0) - (stageAt.get('BAKE_TIME') ?? 0);
      expect(baked).toBeGreaterThanOrEqual(120_000);
      expect(baked).toBeLessThanOrEqual(121_000);

      const done = await describeSvc();
      expect(done.deployments?.map((d) => [d.id, d.status, d.rolloutState])).toEqual([
        [greenId, 'PRIMARY', 'COMPLETED'],
      ]);
      expect(done.events?.[1]?.message).toBe(
        `(service bg) (deployment ${greenId}) deployment completed.`,
      );
      expect(await serviceDeployment(sd)).toMatchObject({
        status: 'SUCCESSFUL',
        lifecycleStage: 'CLEAN_UP',
        deploymentConfiguration: { strategy },
      });
      clock.advance(30_000);
      expect(keys(await targets(production))).toEqual(ipsOf(greenId));
      expect(await targets(alternate)).toEqual({});
    },
  );

  it('a bad image rolls back during SCALE_UP: blue keeps production, green is stopped', async () => {
    await create({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 5,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    const { blueId, greenId, sd } = await deploy('bad');
    const blueIps = ipsOf(blueId);
    const back = await until(
      (svc) => svc.deployments?.length === 1 && svc.deployments[0]?.rolloutState === 'COMPLETED',
    );
    expect(back.deployments?.[0]).toMatchObject({ id: blueId, status: 'PRIMARY' });
    const messages = (back.events ?? []).map((e) => e.message ?? '');
    const failedAt = messages.indexOf(
      `(service bg) (deployment ${greenId}) deployment failed: tasks failed to start.`,
    );
    expect(failedAt).toBeGreaterThan(0);
    expect(messages[failedAt - 1]).toBe(`(service bg) rolling back to deployment ${blueId}.`);
    expect(await serviceDeployment(sd)).toMatchObject({
      status: 'ROLLBACK_SUCCESSFUL',
      lifecycleStage: 'SCALE_UP',
      rollback: { reason: 'ECS deployment circuit breaker: tasks failed to start.' },
      deploymentCircuitBreaker: { status: 'TRIGGERED' },
    });
    expect(keys(await targets(production))).toEqual(blueIps);
  });

  it('StopServiceDeployment ROLLBACK during a canary sends traffic back to blue', async () => {
    await create({
      strategy: 'CANARY',
      bakeTimeInMinutes: 1,
      canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 5 },
    });
    const { blueId, greenId, sd } = await deploy('v2');
    const blueIps = ipsOf(blueId);
    await until(
      () =>
        sim.state().services[0]?.deployments.find((d) => d.id === greenId)?.trafficPercent === 20,
    );
    const greenIps = ipsOf(greenId);
    expect(keys(await targets(production))).toEqual([...blueIps, ...greenIps].sort());
    await aws.ecs.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn: sd, stopType: 'ROLLBACK' }),
    );
    const stopping = await describeSvc();
    expect(stopping.deployments?.map((d) => [d.id, d.status, d.rolloutState])).toEqual([
      [blueId, 'PRIMARY', 'IN_PROGRESS'],
      [greenId, 'ACTIVE', 'FAILED'],
    ]);
    expect(stopping.deployments?.[0]?.rolloutStateReason).toBe(
      `Service deployment rolled back to deploymentId ${blueId} by StopServiceDeployment.`,
    );
    const prod = await targets(production);
    for (const ip of greenIps) expect(prod[ip]).toBe('draining');
    await until((svc) => svc.deployments?.length === 1);
    expect(await serviceDeployment(sd)).toMatchObject({
      status: 'ROLLBACK_SUCCESSFUL',
      lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT',
      rollback: { reason: 'StopServiceDeployment' },
    });
    clock.advance(30_000);
    expect(keys(await targets(production))).toEqual(blueIps);
  });

  it('an alarm during BAKE_TIME sends production traffic back to blue and stops green', async () => {
    const cw = new CloudWatchClient({
      endpoint: sim.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    try {
      await cw.send(
        new PutMetricAlarmCommand({
          AlarmName: ALARM,
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'HTTPCode_Target_5XX_Count',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 10,
          ComparisonOperator: 'GreaterThanThreshold',
        }),
      );
      await create({
        strategy: 'BLUE_GREEN',
        bakeTimeInMinutes: 10,
        alarms: { alarmNames: [ALARM], enable: true, rollback: true },
      });
      const { blueId, greenId, sd } = await deploy('v2');
      const blueIps = ipsOf(blueId);
      const greenIps = await (async (): Promise<string[]> => {
        for (let s = 0; s < 600; s++) {
          if ((await serviceDeployment(sd)).lifecycleStage === 'BAKE_TIME') return ipsOf(greenId);
          clock.advance(1000);
        }
        throw new Error('BAKE_TIME not reached');
      })();
      clock.advance(60_000);
      await cw.send(
        new SetAlarmStateCommand({ AlarmName: ALARM, StateValue: 'ALARM', StateReason: 'test' }),
      );
      clock.advance(1000);
      const failing = await describeSvc();
      expect(failing.deployments?.map((d) => [d.id, d.status, d.rolloutState])).toEqual([
        [blueId, 'PRIMARY', 'IN_PROGRESS'],
        [greenId, 'ACTIVE', 'FAILED'],
      ]);
      expect(failing.deployments?.[0]?.rolloutStateReason).toBe(
        `ECS deployment alarms: rolling back to deploymentId ${blueId}.`,
      );
      // Blue is back in production at once; green drains from both target groups.
      const prod = await targets(production);
      for (const ip of blueIps) expect(prod[ip]).not.toBe('draining');
      for (const ip of greenIps) expect(prod[ip]).toBe('draining');
      expect((await serviceDeployment(sd)).status).toBe('ROLLBACK_IN_PROGRESS');
      const back = await until((svc) => svc.deployments?.length === 1);
      expect(back.deployments?.[0]).toMatchObject({ id: blueId, rolloutState: 'COMPLETED' });
      expect(await serviceDeployment(sd)).toMatchObject({
        status: 'ROLLBACK_SUCCESSFUL',
        alarms: { status: 'TRIGGERED', triggeredAlarmNames: [ALARM] },
      });
      clock.advance(30_000);
      expect(keys(await targets(production))).toEqual(blueIps);
      expect(await targets(alternate)).toEqual({});
    } finally {
      cw.destroy();
    }
  });

  it.each([
    [
      'LINEAR without a load balancer advancedConfiguration',
      { strategy: 'LINEAR' as const },
      false,
      'The LINEAR deployment strategy requires a load balancer with advancedConfiguration or Service Connect.',
    ],
    [
      'a stepPercent below 3',
      { strategy: 'LINEAR' as const, linearConfiguration: { stepPercent: 2 } },
      true,
      'linearConfiguration.stepPercent must be a multiple of 0.1 between 3.0 and 100.0.',
    ],
    [
      'canaryConfiguration under BLUE_GREEN',
      { strategy: 'BLUE_GREEN' as const, canaryConfiguration: { canaryPercent: 5 } },
      true,
      'canaryConfiguration is only valid when the deployment strategy is CANARY.',
    ],
    [
      'a bake time over 24 hours',
      { strategy: 'BLUE_GREEN' as const, bakeTimeInMinutes: 1441 },
      true,
      'bakeTimeInMinutes must be between 0 and 1440.',
    ],
  ])('CreateService refuses %s', async (_name, dc, advanced, message) => {
    await expect(
      aws.ecs.send(
        new CreateServiceCommand({
          cluster: 'c',
          serviceName: 'refused',
          taskDefinition: 'web',
          desiredCount: 1,
          loadBalancers: [
            {
              targetGroupArn: production,
              containerName: 'app',
              containerPort: 8080,
              ...(advanced
                ? {
                    advancedConfiguration: {
                      alternateTargetGroupArn: alternate,
                      productionListenerRule: RULE,
                      roleArn: ROLE,
                    },
                  }
                : {}),
            },
          ],
          deploymentConfiguration: dc,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message });
  });

  it('BLUE_GREEN without a load balancer deploys with no traffic to shift', async () => {
    await aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'c',
        serviceName: 'bg',
        taskDefinition: 'web',
        desiredCount: 1,
        deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 },
      }),
    );
    await until((svc) => svc.deployments?.[0]?.rolloutState === 'COMPLETED');
    const { greenId, sd } = await deploy('v2');
    const done = await until(
      (svc) => svc.deployments?.length === 1 && svc.deployments[0]?.rolloutState === 'COMPLETED',
    );
    expect(done.deployments?.[0]?.id).toBe(greenId);
    expect((await serviceDeployment(sd)).status).toBe('SUCCESSFUL');
  });
});
