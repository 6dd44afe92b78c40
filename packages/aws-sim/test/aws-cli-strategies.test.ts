// The AWS CLI (botocore, built from AWS's own ECS model) drives a BLUE_GREEN deployment through
// the simulator: create-service with --deployment-configuration strategy=BLUE_GREEN and a load
// balancer's advancedConfiguration in shorthand, update-service to a new revision, and
// describe-service-deployments showing the lifecycle stages and SUCCESSFUL as time advances
// (docs/aws-behaviour.md#native-deployment-strategies).
import { afterAll, beforeAll, expect } from '@jest/globals';
import {
  DescribeServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  type Service,
  type ServiceDeployment,
  type ServiceDeploymentBrief,
} from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsCli, awsCliHas, comparable, type AwsCli } from '@ecs-deploy/test-support/aws-cli';
import { AWS_CLI, requireThat, requireTool } from '@ecs-deploy/test-support/tools';
import { DEFAULT_SEED, ManualClock, startSimulator, type Simulator } from '../src/index.js';
import { taskDefinition } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

// ECS's service-deployment commands need a CLI newer than Debian bookworm's awscli 2.9.
const withAws = requireTool(AWS_CLI);
const deploymentsCommand = withAws.met
  ? await awsCliHas('ecs', 'describe-service-deployments')
  : undefined;
const withDeploymentCommands =
  deploymentsCommand === undefined
    ? withAws
    : requireThat(
        deploymentsCommand.has,
        `${deploymentsCommand.version} has no "aws ecs describe-service-deployments" — install a newer AWS CLI`,
      );

/** Each `aws` process costs about a CPU-second; the case runs a dozen in a row. */
const CLI_TIMEOUT_MS = 180_000;

const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee';
const ROLE = 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers';
const NETWORK =
  'awsvpcConfiguration={subnets=[subnet-0sim0000000000001],securityGroups=[sg-0sim000000000001]}';

withDeploymentCommands.describe('the AWS CLI and a BLUE_GREEN deployment', () => {
  let sim: Simulator;
  let sdk: Clients;
  let cli: AwsCli;

  beforeAll(async () => {
    const webGroup = DEFAULT_SEED.targetGroups?.[0];
    sim = await startSimulator({
      clock: new ManualClock(Date.UTC(2026, 0, 1)),
      seed: {
        ...DEFAULT_SEED,
        targetGroups: [...(DEFAULT_SEED.targetGroups ?? []), { ...webGroup, name: 'web-alt' }],
      },
    });
    sdk = clientsFor(sim, 1);
    cli = awsCli(sim);
  });
  afterAll(async () => {
    cli.close();
    sdk.destroy();
    await sim.close();
  });

  const stageOf = async (arn: string): Promise<ServiceDeployment | undefined> =>
    (await sdk.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })))
      .serviceDeployments?.[0];

  /** describe-service-deployments through the CLI, checked against the SDK's reading. */
  const cliDeployment = async (arn: string): Promise<ServiceDeployment | undefined> => {
    const out = await cli.json<{ serviceDeployments: ServiceDeployment[] }>([
      'ecs',
      'describe-service-deployments',
      '--service-deployment-arns',
      arn,
    ]);
    const viaSdk = await sdk.ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }),
    );
    expect(comparable(out)).toEqual(comparable(viaSdk));
    return out.serviceDeployments[0];
  };

  withDeploymentCommands.it(
    'create-service, update-service, then describe-service-deployments through the stages to SUCCESSFUL',
    async () => {
      const groups = await sdk.elb.send(
        new DescribeTargetGroupsCommand({ Names: ['web', 'web-alt'] }),
      );
      const [production, alternate] = (groups.TargetGroups ?? []).map(
        (g) => g.TargetGroupArn ?? '',
      );
      const created = await cli.json<{ service: Service }>([
        'ecs',
        'create-service',
        '--cluster',
        'demo',
        '--service-name',
        'bg',
        '--task-definition',
        'web',
        '--desired-count',
        '2',
        '--launch-type',
        'FARGATE',
        '--network-configuration',
        NETWORK,
        '--deployment-configuration',
        'strategy=BLUE_GREEN,bakeTimeInMinutes=1,deploymentCircuitBreaker={enable=true,rollback=true}',
        '--load-balancers',
        `targetGroupArn=${production ?? ''},containerName=app,containerPort=8080,advancedConfiguration={alternateTargetGroupArn=${alternate ?? ''},productionListenerRule=${RULE},roleArn=${ROLE}}`,
      ]);
      expect(created.service.deploymentConfiguration).toMatchObject({
        strategy: 'BLUE_GREEN',
        bakeTimeInMinutes: 1,
      });
      expect(created.service.loadBalancers?.[0]?.advancedConfiguration).toEqual({
        alternateTargetGroupArn: alternate,
        productionListenerRule: RULE,
        roleArn: ROLE,
      });
      // The first deployment has no blue to bake against: two minutes are plenty.
      sim.advance(120);

      const td = await sdk.ecs.send(
        new RegisterTaskDefinitionCommand(taskDefinition(`${sim.ctx.registry.host}/web:v1`)),
      );
      const updated = await cli.json<{ service: Service }>([
        'ecs',
        'update-service',
        '--cluster',
        'demo',
        '--service',
        'bg',
        '--task-definition',
        td.taskDefinition?.taskDefinitionArn ?? '',
      ]);
      expect(
        updated.service.deployments?.map((d) => [d.status, d.rolloutState, d.runningCount]),
      ).toEqual([
        ['PRIMARY', 'IN_PROGRESS', 0],
        ['ACTIVE', 'COMPLETED', 2],
      ]);
      const listed = await cli.json<{ serviceDeployments: ServiceDeploymentBrief[] }>([
        'ecs',
        'list-service-deployments',
        '--cluster',
        'demo',
        '--service',
        'bg',
      ]);
      const arn = listed.serviceDeployments[0]?.serviceDeploymentArn ?? '';
      expect(arn).toBe(updated.service.currentServiceDeployment);

      const seen: string[] = [];
      const note = (d: ServiceDeployment | undefined): void => {
        const stage = d?.lifecycleStage ?? '';
        if (seen.at(-1) !== stage) seen.push(stage);
      };
      const first = await cliDeployment(arn);
      expect(first).toMatchObject({ status: 'IN_PROGRESS', lifecycleStage: 'PRE_SCALE_UP' });
      note(first);
      sim.advance(1);
      note(await cliDeployment(arn));
      // Second by second (through the SDK, cheap) until the bake time starts.
      for (let s = 0; s < 300 && seen.at(-1) !== 'BAKE_TIME'; s++) {
        sim.advance(1);
        note(await stageOf(arn));
      }
      const baking = await cliDeployment(arn);
      expect(baking).toMatchObject({
        status: 'IN_PROGRESS',
        lifecycleStage: 'BAKE_TIME',
        deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 },
      });
      sim.advance(30);
      expect((await cliDeployment(arn))?.lifecycleStage).toBe('BAKE_TIME');
      sim.advance(31);
      note(await stageOf(arn));
      sim.advance(60);
      const done = await cliDeployment(arn);
      note(done);
      expect(seen).toEqual([
        'PRE_SCALE_UP',
        'SCALE_UP',
        'POST_SCALE_UP',
        'TEST_TRAFFIC_SHIFT',
        'POST_TEST_TRAFFIC_SHIFT',
        'PRODUCTION_TRAFFIC_SHIFT',
        'POST_PRODUCTION_TRAFFIC_SHIFT',
        'BAKE_TIME',
        'CLEAN_UP',
      ]);
      expect(done).toMatchObject({ status: 'SUCCESSFUL', lifecycleStage: 'CLEAN_UP' });
      const described = await cli.json<{ services: Service[] }>([
        'ecs',
        'describe-services',
        '--cluster',
        'demo',
        '--services',
        'bg',
      ]);
      expect(
        described.services[0]?.deployments?.map((d) => [
          d.status,
          d.rolloutState,
          d.taskDefinition,
        ]),
      ).toEqual([['PRIMARY', 'COMPLETED', td.taskDefinition?.taskDefinitionArn]]);
    },
    CLI_TIMEOUT_MS,
  );
});
