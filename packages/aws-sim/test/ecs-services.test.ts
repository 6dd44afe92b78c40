import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeClustersCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';
import { taskDefinition, testSeed } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

describe('ECS clusters, services and tasks (real SDK client)', () => {
  const clock = new ManualClock();
  let sim: Simulator;
  let aws: Clients;

  beforeAll(async () => {
    sim = await startSimulator({
      seed: testSeed({ desiredCount: 2, minimumHealthyPercent: 100 }),
      clock,
    });
    aws = clientsFor(sim, 1);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  it('DescribeServices: unknown services are MISSING failures; an unknown cluster is an error', async () => {
    const out = await aws.ecs.send(
      new DescribeServicesCommand({ cluster: 'c', services: ['svc', 'ghost'] }),
    );
    expect(out.services?.map((s) => s.serviceName)).toEqual(['svc']);
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:service/c/ghost', reason: 'MISSING' },
    ]);
    await expect(
      aws.ecs.send(new DescribeServicesCommand({ cluster: 'nope', services: ['svc'] })),
    ).rejects.toMatchObject({
      name: 'ClusterNotFoundException',
      message: 'Cluster not found.',
    });
  });

  it('a desired-count change scales the PRIMARY without a new deployment', async () => {
    const out = await aws.ecs.send(
      new UpdateServiceCommand({ cluster: 'c', service: 'svc', desiredCount: 3 }),
    );
    expect(out.service?.deployments).toHaveLength(1);
    clock.advance(60_000);
    const svc = (
      await aws.ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }))
    ).services?.[0];
    expect(svc).toMatchObject({ desiredCount: 3, runningCount: 3, pendingCount: 0 });
    const listed = await aws.ecs.send(new ListTasksCommand({ cluster: 'c', serviceName: 'svc' }));
    expect(listed.taskArns).toHaveLength(3);
    const tasks = await aws.ecs.send(
      new DescribeTasksCommand({ cluster: 'c', tasks: [...(listed.taskArns ?? []), 'ffff'] }),
    );
    expect(tasks.tasks?.[0]).toMatchObject({
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      group: 'service:svc',
      launchType: 'FARGATE',
      cpu: '256',
      memory: '512',
    });
    expect(tasks.tasks?.[0]?.taskArn).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:task\/c\/[0-9a-f]{32}$/,
    );
    expect(tasks.tasks?.[0]?.containers?.[0]?.imageDigest).toMatch(/^sha256:/);
    expect(tasks.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:task/c/ffff', reason: 'MISSING' },
    ]);
  });

  it('UpdateService validation: unknown service, unknown or inactive task definition', async () => {
    await expect(
      aws.ecs.send(new UpdateServiceCommand({ cluster: 'c', service: 'ghost', desiredCount: 1 })),
    ).rejects.toMatchObject({
      name: 'ServiceNotFoundException',
    });
    await expect(
      aws.ecs.send(
        new UpdateServiceCommand({ cluster: 'c', service: 'svc', taskDefinition: 'web:99' }),
      ),
    ).rejects.toMatchObject({ name: 'ClientException', message: 'TaskDefinition not found.' });
  });

  it('StopServiceDeployment(ROLLBACK) rolls an in-progress deployment back', async () => {
    const td = await aws.ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition(`${sim.ctx.registry.host}/web:v2`)),
    );
    const out = await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'c',
        service: 'svc',
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
      }),
    );
    const arn = out.service?.currentServiceDeployment ?? '';
    expect(arn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:service-deployment\/c\/svc\//);
    const stopped = await aws.ecs.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }),
    );
    expect(stopped.serviceDeploymentArn).toBe(arn);
    clock.advance(120_000);
    const svc = (
      await aws.ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }))
    ).services?.[0];
    expect(svc?.taskDefinition).toMatch(/task-definition\/web:1$/);
    expect(svc?.deployments).toHaveLength(1);
    const sd = await aws.ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn, 'arn:x'] }),
    );
    expect(sd.serviceDeployments?.[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sd.failures).toEqual([{ arn: 'arn:x', reason: 'MISSING' }]);
    await expect(
      aws.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn })),
    ).rejects.toMatchObject({
      name: 'ConflictException',
    });
    const history = await aws.ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'c', service: 'svc', status: ['SUCCESSFUL'] }),
    );
    expect(history.serviceDeployments).toHaveLength(1);
  });

  it('CreateCluster / CreateService start a first deployment; DeleteService drains to INACTIVE', async () => {
    await aws.ecs.send(
      new CreateClusterCommand({ clusterName: 'other', tags: [{ key: 'team', value: 'x' }] }),
    );
    const clusters = await aws.ecs.send(
      new DescribeClustersCommand({ clusters: ['other', 'nope'], include: ['TAGS'] }),
    );
    expect(clusters.clusters?.[0]).toMatchObject({
      clusterName: 'other',
      status: 'ACTIVE',
      tags: [{ key: 'team', value: 'x' }],
    });
    expect(clusters.failures?.[0]?.reason).toBe('MISSING');
    const created = await aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'other',
        serviceName: 'api',
        taskDefinition: 'web:1',
        desiredCount: 1,
        tags: [{ key: 'owner', value: 'me' }],
      }),
    );
    expect(created.service?.deployments?.[0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
      runningCount: 0,
    });
    await expect(
      aws.ecs.send(
        new CreateServiceCommand({ cluster: 'other', serviceName: 'api', taskDefinition: 'web:1' }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Creation of service was not idempotent.',
    });
    const tags = await aws.ecs.send(
      new ListTagsForResourceCommand({ resourceArn: created.service?.serviceArn }),
    );
    expect(tags.tags).toEqual([{ key: 'owner', value: 'me' }]);
    clock.advance(120_000);
    const listed = await aws.ecs.send(new ListServicesCommand({ cluster: 'other' }));
    expect(listed.serviceArns).toEqual(['arn:aws:ecs:us-east-1:123456789012:service/other/api']);
    await expect(
      aws.ecs.send(new DeleteServiceCommand({ cluster: 'other', service: 'api' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The service cannot be stopped while it is scaled above 0.',
    });
    const deleted = await aws.ecs.send(
      new DeleteServiceCommand({ cluster: 'other', service: 'api', force: true }),
    );
    expect(deleted.service?.status).toBe('DRAINING');
    clock.advance(60_000);
    const after = await aws.ecs.send(
      new DescribeServicesCommand({ cluster: 'other', services: ['api'] }),
    );
    expect(after.services?.[0]?.status).toBe('INACTIVE');
  });
});
