import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateServiceCommand,
  DescribeServicesCommand,
  ListTasksCommand,
  UpdateServiceCommand,
  type CreateServiceCommandInput,
  type Service,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { loadModel, ManualClock, startSimulator, type Simulator } from '../src/index.js';
import { testSeed } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

const network = {
  awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] },
};

describe('CreateService/UpdateService store every member they accept (real SDK client)', () => {
  const clock = new ManualClock();
  let sim: Simulator;
  let aws: Clients;

  beforeAll(async () => {
    sim = await startSimulator({ seed: testSeed({ desiredCount: 1 }), clock });
    aws = clientsFor(sim, 1);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  const describeOne = async (service: string): Promise<Service> => {
    const out = await aws.ecs.send(
      new DescribeServicesCommand({ cluster: 'c', services: [service] }),
    );
    const s = out.services?.[0];
    if (!s) throw new Error(`no service ${service}`);
    return s;
  };
  const create = (
    input: Partial<CreateServiceCommandInput> & { serviceName: string },
  ): Promise<unknown> =>
    aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'c',
        taskDefinition: 'web:1',
        desiredCount: 1,
        networkConfiguration: network,
        ...input,
      }),
    );

  it('returns the full deploymentConfiguration and the service options as created', async () => {
    const deploymentConfiguration = {
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
      strategy: 'ROLLING' as const,
      bakeTimeInMinutes: 5,
      lifecycleHooks: [
        {
          hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:check',
          roleArn: 'arn:aws:iam::123456789012:role/hooks',
          lifecycleStages: ['POST_SCALE_UP' as const],
        },
      ],
    };
    await create({
      serviceName: 'full',
      deploymentConfiguration,
      enableECSManagedTags: true,
      propagateTags: 'SERVICE',
      enableExecuteCommand: true,
      healthCheckGracePeriodSeconds: 30,
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
      serviceRegistries: [
        { registryArn: 'arn:aws:servicediscovery:us-east-1:123456789012:service/srv-1' },
      ],
      volumeConfigurations: [
        {
          name: 'data',
          managedEBSVolume: { roleArn: 'arn:aws:iam::123456789012:role/ebs', sizeInGiB: 20 },
        },
      ],
      role: 'ecsServiceRole',
    });
    const s = await describeOne('full');
    expect(s).toMatchObject({
      deploymentController: { type: 'ECS' },
      deploymentConfiguration,
      enableECSManagedTags: true,
      propagateTags: 'SERVICE',
      enableExecuteCommand: true,
      healthCheckGracePeriodSeconds: 30,
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
      serviceRegistries: [
        { registryArn: 'arn:aws:servicediscovery:us-east-1:123456789012:service/srv-1' },
      ],
      roleArn: 'arn:aws:iam::123456789012:role/ecsServiceRole',
      availabilityZoneRebalancing: 'ENABLED',
    });
    expect(s.deployments?.[0]?.volumeConfigurations).toEqual([
      {
        name: 'data',
        managedEBSVolume: { roleArn: 'arn:aws:iam::123456789012:role/ebs', sizeInGiB: 20 },
      },
    ]);
  });

  it('defaults what was never set the way DescribeServices shows it', async () => {
    await create({ serviceName: 'plain' });
    expect(await describeOne('plain')).toMatchObject({
      deploymentController: { type: 'ECS' },
      enableECSManagedTags: false,
      propagateTags: 'NONE',
      enableExecuteCommand: false,
      placementConstraints: [],
      placementStrategy: [],
      serviceRegistries: [],
      launchType: 'FARGATE',
    });
  });

  it('UpdateService: tag and exec options change in place, service registries start a deployment', async () => {
    const before = await describeOne('plain');
    await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'c',
        service: 'plain',
        enableECSManagedTags: true,
        propagateTags: 'TASK_DEFINITION',
        enableExecuteCommand: true,
        deploymentConfiguration: { bakeTimeInMinutes: 10, strategy: 'ROLLING' },
      }),
    );
    const inPlace = await describeOne('plain');
    expect(inPlace).toMatchObject({
      enableECSManagedTags: true,
      propagateTags: 'TASK_DEFINITION',
      enableExecuteCommand: true,
      deploymentConfiguration: { bakeTimeInMinutes: 10, strategy: 'ROLLING', maximumPercent: 200 },
    });
    expect(inPlace.deployments?.[0]?.id).toBe(before.deployments?.[0]?.id);
    await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'c',
        service: 'plain',
        serviceRegistries: [
          { registryArn: 'arn:aws:servicediscovery:us-east-1:123456789012:service/srv-2' },
        ],
      }),
    );
    const redeployed = await describeOne('plain');
    expect(redeployed.deployments?.[0]?.id).not.toBe(before.deployments?.[0]?.id);
    expect(redeployed.serviceRegistries).toEqual([
      { registryArn: 'arn:aws:servicediscovery:us-east-1:123456789012:service/srv-2' },
    ]);
  });

  it('capacity provider strategies: stored instead of a launch type, checked against the cluster', async () => {
    await create({
      serviceName: 'spot',
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    });
    const s = await describeOne('spot');
    expect(s.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]);
    expect(s.launchType).toBeUndefined();
    expect(s.deployments?.[0]?.capacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE_SPOT', weight: 1 },
    ]);
    await expect(
      create({ serviceName: 'asg', capacityProviderStrategy: [{ capacityProvider: 'my-asg' }] }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      create({
        serviceName: 'both',
        launchType: 'FARGATE',
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }],
      }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    });
  });

  it('refuses what the simulator does not implement instead of dropping it', async () => {
    await expect(
      create({ serviceName: 'daemon', schedulingStrategy: 'DAEMON' }),
    ).rejects.toMatchObject({
      name: 'UnsupportedFeatureException',
    });
    await expect(
      aws.ecs.send(
        new UpdateServiceCommand({
          cluster: 'c',
          service: 'plain',
          deploymentController: { type: 'CODE_DEPLOY' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'UnsupportedFeatureException' });
  });
});

describe('no UpdateService member of the model is dropped silently', () => {
  const clock = new ManualClock();
  let sim: Simulator;
  let aws: Clients;

  beforeAll(async () => {
    sim = await startSimulator({ seed: testSeed({ desiredCount: 1 }), clock });
    aws = clientsFor(sim, 1);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  const role = 'arn:aws:iam::123456789012:role/r';
  const tg = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/7467000000000000';
  /** A value for each member, and where DescribeServices shows it afterwards. */
  const where: Record<string, [unknown, (s: Service) => unknown]> = {
    availabilityZoneRebalancing: ['DISABLED', (s) => s.availabilityZoneRebalancing],
    capacityProviderStrategy: [
      [{ capacityProvider: 'FARGATE', weight: 1 }],
      (s) => s.capacityProviderStrategy,
    ],
    deploymentConfiguration: [
      { bakeTimeInMinutes: 3 },
      (s) => ({ bakeTimeInMinutes: s.deploymentConfiguration?.bakeTimeInMinutes }),
    ],
    deploymentController: [{ type: 'ECS' }, (s) => s.deploymentController],
    desiredCount: [2, (s) => s.desiredCount],
    enableECSManagedTags: [true, (s) => s.enableECSManagedTags],
    enableExecuteCommand: [true, (s) => s.enableExecuteCommand],
    healthCheckGracePeriodSeconds: [45, (s) => s.healthCheckGracePeriodSeconds],
    loadBalancers: [
      [{ targetGroupArn: tg, containerName: 'app', containerPort: 8080 }],
      (s) => s.loadBalancers,
    ],
    networkConfiguration: [
      { awsvpcConfiguration: { subnets: ['subnet-2'], securityGroups: ['sg-2'] } },
      (s) => s.networkConfiguration,
    ],
    placementConstraints: [[{ type: 'distinctInstance' }], (s) => s.placementConstraints],
    placementStrategy: [[{ type: 'random' }], (s) => s.placementStrategy],
    platformVersion: ['1.4.0', (s) => s.platformVersion],
    propagateTags: ['SERVICE', (s) => s.propagateTags],
    serviceConnectConfiguration: [
      { enabled: false },
      (s) => s.deployments?.[0]?.serviceConnectConfiguration,
    ],
    serviceRegistries: [
      [{ registryArn: 'arn:aws:servicediscovery:us-east-1:123456789012:service/srv-9' }],
      (s) => s.serviceRegistries,
    ],
    taskDefinition: [
      'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
      (s) => s.taskDefinition,
    ],
    volumeConfigurations: [
      [{ name: 'v', managedEBSVolume: { roleArn: role } }],
      (s) => s.deployments?.[0]?.volumeConfigurations,
    ],
    vpcLatticeConfigurations: [
      [{ roleArn: role, targetGroupArn: tg, portName: 'http' }],
      (s) => s.deployments?.[0]?.vpcLatticeConfigurations,
    ],
  };
  const identity = ['cluster', 'service'];
  const members = Object.keys(loadModel('ecs').shapes.UpdateServiceRequest?.members ?? {});

  it('this table covers every member of the model (a new botocore member fails here)', () => {
    expect([...identity, 'forceNewDeployment', ...Object.keys(where)].sort()).toEqual(
      [...members].sort(),
    );
  });

  it.each(Object.entries(where))('%s is stored and returned', async (member, [value, read]) => {
    const input = {
      cluster: 'c',
      service: 'svc',
      [member]: value,
    } as unknown as UpdateServiceCommandInput;
    await aws.ecs.send(new UpdateServiceCommand(input));
    const out = await aws.ecs.send(
      new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }),
    );
    expect(read(out.services?.[0] ?? {})).toEqual(value);
  });

  it('forceNewDeployment starts a deployment', async () => {
    const before = await aws.ecs.send(
      new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }),
    );
    await aws.ecs.send(
      new UpdateServiceCommand({ cluster: 'c', service: 'svc', forceNewDeployment: true }),
    );
    const after = await aws.ecs.send(
      new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }),
    );
    expect(after.services?.[0]?.deployments?.[0]?.id).not.toBe(
      before.services?.[0]?.deployments?.[0]?.id,
    );
  });
});

describe('CODE_DEPLOY and EXTERNAL services are not rolled by ECS', () => {
  const clock = new ManualClock();
  let sim: Simulator;
  let aws: Clients;

  beforeAll(async () => {
    sim = await startSimulator({ seed: testSeed({ desiredCount: 1 }), clock });
    aws = clientsFor(sim, 1);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  const describeOne = async (service: string): Promise<Service | undefined> =>
    (await aws.ecs.send(new DescribeServicesCommand({ cluster: 'c', services: [service] })))
      .services?.[0];

  it('CODE_DEPLOY: described with its controller, no ECS deployment, no tasks', async () => {
    await aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'c',
        serviceName: 'bg',
        taskDefinition: 'web:1',
        desiredCount: 2,
        deploymentController: { type: 'CODE_DEPLOY' },
        networkConfiguration: network,
      }),
    );
    clock.advance(600_000);
    const s = await describeOne('bg');
    expect(s).toMatchObject({
      deploymentController: { type: 'CODE_DEPLOY' },
      desiredCount: 2,
      runningCount: 0,
    });
    expect(s?.deployments).toEqual([]);
    const tasks = await aws.ecs.send(new ListTasksCommand({ cluster: 'c', serviceName: 'bg' }));
    expect(tasks.taskArns).toEqual([]);
  });

  it('CODE_DEPLOY: UpdateService may scale and reconfigure, not change the task definition', async () => {
    await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'c',
        service: 'bg',
        desiredCount: 3,
        healthCheckGracePeriodSeconds: 60,
        deploymentConfiguration: { minimumHealthyPercent: 50 },
        propagateTags: 'SERVICE',
      }),
    );
    expect(await describeOne('bg')).toMatchObject({
      desiredCount: 3,
      healthCheckGracePeriodSeconds: 60,
      deploymentConfiguration: { minimumHealthyPercent: 50 },
      propagateTags: 'SERVICE',
    });
    await expect(
      aws.ecs.send(
        new UpdateServiceCommand({ cluster: 'c', service: 'bg', taskDefinition: 'web:1' }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        'Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
    });
    await expect(
      aws.ecs.send(
        new UpdateServiceCommand({ cluster: 'c', service: 'bg', forceNewDeployment: true }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      aws.ecs.send(
        new UpdateServiceCommand({ cluster: 'c', service: 'bg', networkConfiguration: network }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining(
        'Unable to update network configuration on services with a CODE_DEPLOY',
      ),
    });
  });

  it('EXTERNAL: created without a task definition; deployment configuration and task definition are refused', async () => {
    await aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'c',
        serviceName: 'ext',
        desiredCount: 1,
        deploymentController: { type: 'EXTERNAL' },
      }),
    );
    const s = await describeOne('ext');
    expect(s).toMatchObject({ deploymentController: { type: 'EXTERNAL' } });
    expect(s?.taskDefinition).toBeUndefined();
    await aws.ecs.send(new UpdateServiceCommand({ cluster: 'c', service: 'ext', desiredCount: 0 }));
    await expect(
      aws.ecs.send(
        new UpdateServiceCommand({
          cluster: 'c',
          service: 'ext',
          deploymentConfiguration: { maximumPercent: 150 },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      aws.ecs.send(
        new UpdateServiceCommand({ cluster: 'c', service: 'ext', taskDefinition: 'web:1' }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('on services with an EXTERNAL deployment controller'),
    });
  });

  it('a seeded CODE_DEPLOY service starts with no tasks', async () => {
    const seeded = await startSimulator({
      seed: {
        ...testSeed({ desiredCount: 2 }),
        services: [
          {
            cluster: 'c',
            serviceName: 'seeded',
            taskDefinition: 'web',
            desiredCount: 2,
            deploymentController: { type: 'CODE_DEPLOY' },
          },
        ],
      },
      clock: new ManualClock(),
    });
    expect(seeded.state().services).toEqual([
      expect.objectContaining({ name: 'seeded', runningCount: 0, deployments: [] }),
    ]);
    await seeded.close();
  });
});
