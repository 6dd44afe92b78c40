import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  DescribeServicesCommand,
  ECSClient,
  StartTaskCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { isMutating, startSimulator, type Simulator } from '../src/index.js';
import { testSeed } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

describe('faults, unknown operations and the request log', () => {
  let sim: Simulator;
  let aws: Clients;

  beforeAll(async () => {
    sim = await startSimulator({ seed: testSeed(), speed: 1 });
    aws = clientsFor(sim);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });
  beforeEach(async () => {
    await sim.control.clearFaults();
    await sim.control.setRateLimits({ enabled: false });
  });

  const describeSvc = new DescribeServicesCommand({ cluster: 'c', services: ['svc'] });

  it('throttling surfaces as ThrottlingException and the SDK retries it', async () => {
    await sim.control.addFault({ target: 'ecs:DescribeServices', kind: 'throttle', times: 2 });
    const mark = sim.log.mark();
    const out = await aws.ecs.send(describeSvc);
    expect(out.$metadata.attempts).toBe(3);
    const calls = sim.log.entries({ operation: 'DescribeServices', afterSeq: mark });
    expect(calls.map((c) => [c.status, c.error])).toEqual([
      [400, 'ThrottlingException'],
      [400, 'ThrottlingException'],
      [200, undefined],
    ]);
    expect(new Set(calls.map((c) => c.invocationId)).size).toBe(1);
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it('gives up with ThrottlingException after the last attempt', async () => {
    await sim.control.addFault({ target: 'ecs:*', kind: 'throttle' });
    const one = new ECSClient({
      endpoint: sim.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    await expect(one.send(describeSvc)).rejects.toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    one.destroy();
  });

  it('token buckets with the spec sizes throttle bursts (scaled down)', async () => {
    // service-read: burst 100, 20/s; scale 0.05 → burst 5, 1/s.
    await sim.control.setRateLimits({ enabled: true, scale: 0.05 });
    const one = new ECSClient({
      endpoint: sim.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => one.send(describeSvc)),
    );
    one.destroy();
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r.reason as Error).name).toBe('ThrottlingException');
    }
  });

  it('5xx answers are retried; the SDK sees ServerException after the last one', async () => {
    await sim.control.addFault({ target: 'ecs:DescribeServices', kind: 'server-error', times: 1 });
    await sim.control.addFault({
      target: 'ecs:DescribeServices',
      kind: 'server-error',
      status: 503,
      times: 1,
    });
    const out = await aws.ecs.send(describeSvc);
    expect(out.$metadata.attempts).toBe(3);
    await sim.control.addFault({ target: 'ecs:DescribeServices', kind: 'server-error', times: 3 });
    await expect(aws.ecs.send(describeSvc)).rejects.toMatchObject({
      name: 'ServerException',
      $fault: 'server',
    });
  });

  it('connection resets are retried as transient errors', async () => {
    await sim.control.addFault({ target: 'sts:GetCallerIdentity', kind: 'reset', times: 1 });
    const out = await aws.sts.send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('123456789012');
    expect(out.$metadata.attempts).toBe(2);
  });

  it('expired credentials and access denied, in each protocol', async () => {
    await sim.control.addFault({ target: 'ecs:*', kind: 'expired-token', times: 1 });
    await expect(aws.ecs.send(describeSvc)).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    });
    await sim.control.addFault({ target: 'sts:*', kind: 'expired-token', times: 1 });
    await expect(aws.sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'ExpiredToken',
    });
    await sim.control.addFault({ target: 'ecs:UpdateService', kind: 'access-denied', times: 1 });
    await expect(
      aws.ecs.send(new UpdateServiceCommand({ cluster: 'c', service: 'svc', desiredCount: 4 })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await sim.control.addFault({ target: 'elbv2:*', kind: 'access-denied', times: 1 });
    await expect(aws.elb.send(new DescribeTargetGroupsCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('added latency delays the answer', async () => {
    await sim.control.addFault({
      target: 'ecr:DescribeRepositories',
      kind: 'latency',
      latencyMs: 150,
      times: 1,
    });
    const t0 = Date.now();
    await aws.ecr.send(new DescribeRepositoriesCommand({}));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('unknown operations answer like AWS: UnknownOperationException (JSON), InvalidAction (query)', async () => {
    await expect(
      aws.ecs.send(
        new StartTaskCommand({ cluster: 'c', taskDefinition: 'web', containerInstances: ['i-1'] }),
      ),
    ).rejects.toMatchObject({
      name: 'UnknownOperationException',
      $metadata: { httpStatusCode: 400, attempts: 1 },
    });
    await expect(
      aws.sts.send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:role/x', RoleSessionName: 's' }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidAction',
      message: 'Could not find operation AssumeRole for version 2011-06-15',
    });
    await expect(aws.elb.send(new DescribeLoadBalancersCommand({}))).rejects.toMatchObject({
      name: 'InvalidAction',
    });
  });

  it('every call is logged with its parameters; mutating calls are flagged', async () => {
    const mark = sim.log.mark();
    await aws.ecs.send(describeSvc);
    await aws.ecs.send(new UpdateServiceCommand({ cluster: 'c', service: 'svc', desiredCount: 4 }));
    const entries = sim.log.entries({ afterSeq: mark });
    expect(entries.map((e) => [e.service, e.operation, e.mutating, e.status])).toEqual([
      ['ecs', 'DescribeServices', false, 200],
      ['ecs', 'UpdateService', true, 200],
    ]);
    expect(entries[1]?.params).toEqual({ cluster: 'c', service: 'svc', desiredCount: 4 });
    const remote = await sim.control.log({ mutating: true, afterSeq: mark });
    expect(remote.map((e) => e.operation)).toEqual(['UpdateService']);
    expect(isMutating('DescribeServices')).toBe(false);
    expect(isMutating('BatchGetImage')).toBe(false);
    expect(isMutating('GetAuthorizationToken')).toBe(false);
    expect(isMutating('PutImage')).toBe(true);
    expect(isMutating('StopServiceDeployment')).toBe(true);
  });

  it('the control API rejects malformed fault rules', async () => {
    await expect(
      sim.control.addFault({ target: 'ecs:*', kind: 'nope' as 'throttle' }),
    ).rejects.toThrow(/unknown fault kind/);
  });
});
