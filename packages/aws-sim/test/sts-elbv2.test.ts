import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';
import { taskDefinition, testSeed } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

describe('STS and ELBv2 (awsQuery, real SDK clients)', () => {
  const clock = new ManualClock();
  let sim: Simulator;
  let aws: Clients;
  let tg = '';

  beforeAll(async () => {
    const seed = {
      ...testSeed({ desiredCount: 1, minimumHealthyPercent: 100 }),
      account: '210987654321',
    };
    sim = await startSimulator({ seed, clock });
    aws = clientsFor(sim, 1);
    tg = [...sim.ctx.world.targetGroups.keys()][0] ?? '';
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  it('GetCallerIdentity reports the seed account', async () => {
    const out = await aws.sts.send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({
      Account: '210987654321',
      Arn: 'arn:aws:iam::210987654321:user/ci',
    });
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('DescribeTargetGroups by name and ARN; unknown → TargetGroupNotFoundException', async () => {
    const out = await aws.elb.send(new DescribeTargetGroupsCommand({ Names: ['tg'] }));
    expect(out.TargetGroups?.[0]).toMatchObject({
      TargetGroupArn: tg,
      TargetGroupName: 'tg',
      Port: 8080,
      HealthCheckIntervalSeconds: 5,
      HealthyThresholdCount: 2,
    });
    await expect(
      aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: `${tg}x` })),
    ).rejects.toMatchObject({
      name: 'TargetGroupNotFoundException',
      message: 'One or more target groups not found',
    });
  });

  it('target lifecycle: initial → healthy for the new task, draining for the old one', async () => {
    const td = await aws.ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition(`${sim.ctx.registry.host}/web:v2`)),
    );
    await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'c',
        service: 'svc',
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
      }),
    );
    const seen = new Set<string>();
    for (let s = 0; s < 60; s++) {
      clock.advance(1000);
      const out = await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
      for (const d of out.TargetHealthDescriptions ?? []) {
        seen.add(`${d.TargetHealth?.State ?? ''}/${d.TargetHealth?.Reason ?? ''}`);
      }
      const svc = (
        await aws.ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }))
      ).services?.[0];
      if (svc?.deployments?.length === 1) break;
    }
    expect([...seen].sort()).toEqual([
      'draining/Target.DeregistrationInProgress',
      'healthy/',
      'initial/Elb.InitialHealthChecking',
      'initial/Elb.RegistrationInProgress',
    ]);
    const final = await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(final.TargetHealthDescriptions).toHaveLength(1);
    expect(final.TargetHealthDescriptions?.[0]).toMatchObject({
      HealthCheckPort: '8080',
      Target: { Port: 8080 },
    });
    const asked = await aws.elb.send(
      new DescribeTargetHealthCommand({
        TargetGroupArn: tg,
        Targets: [{ Id: '10.9.9.9', Port: 8080 }],
      }),
    );
    expect(asked.TargetHealthDescriptions?.[0]?.TargetHealth).toEqual({
      State: 'unused',
      Reason: 'Target.NotRegistered',
      Description: 'Target is not registered to the target group',
    });
  });
});
