// The polling clients against the simulator: a call that keeps failing with a retryable error is
// sent once, where a client with the SDK's retries sends it again.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { awsSettingsFrom, sdkEcsApi, sdkElbApi, type AwsSettings } from '@ecs-deploy/aws';
import { startSimulator, type Simulator } from '@ecs-deploy/aws-sim';
import { POLL_ATTEMPTS, pollingClients, type PollingClients } from '../src/index.js';

let sim: Simulator;
let settings: AwsSettings;
beforeAll(async () => {
  sim = await startSimulator({ seed: { clusters: ['c'] } });
  // The SDK reads the endpoint and credentials from the environment, as in the action.
  Object.assign(process.env, sim.env);
  settings = awsSettingsFrom(sim.env, 'rollout-watch-test', '0');
});
afterAll(async () => {
  await sim.close();
});

describe('pollingClients', () => {
  it('makes one attempt per call, whatever the retry settings', async () => {
    expect(POLL_ATTEMPTS).toBe(1);
    expect(settings.maxAttempts).toBeGreaterThan(1);
    await sim.control.addFault({
      target: 'ecs:DescribeServices',
      kind: 'server-error',
      status: 503,
    });
    await sim.control.addFault({
      target: 'elbv2:DescribeTargetHealth',
      kind: 'server-error',
      status: 503,
    });
    const { ecs, elb } = pollingClients(settings);
    await expect(ecs.describeServices({ cluster: 'c', services: ['web'] })).rejects.toThrow();
    await expect(elb.targetHealth('arn:aws:elasticloadbalancing:tg/web')).rejects.toThrow();
    expect(sim.log.entries({ operation: 'DescribeServices' })).toHaveLength(1);
    expect(sim.log.entries({ operation: 'DescribeTargetHealth' })).toHaveLength(1);
  });

  it('differs from a client with SDK retries, which sends the failing call again', async () => {
    const before = sim.log.entries({ operation: 'DescribeServices' }).length;
    const retrying = sdkEcsApi({ ...settings, maxAttempts: 2 });
    await expect(retrying.describeServices({ cluster: 'c', services: ['web'] })).rejects.toThrow();
    expect(sim.log.entries({ operation: 'DescribeServices' }).length - before).toBe(2);
  });

  it('is the only way to the type: clients made with the SDK retries do not fit', () => {
    const plain = { ecs: sdkEcsApi(settings), elb: sdkElbApi(settings) };
    // @ts-expect-error -- tsc refuses these where the follower requires polling clients
    const clients: PollingClients = plain;
    expect(clients).toBe(plain);
  });
});
