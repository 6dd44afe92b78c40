import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DeleteServiceCommand,
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  waitUntilServicesStable,
} from '@aws-sdk/client-ecs';
import { startSimulator, type Simulator } from '../src/index.js';
import { taskDefinition, testSeed, type TestSeedOptions } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

// The SDK's own waiter against the simulator: fractional delays keep each poll fast, and a high
// speed factor makes a minute of simulated rollout take well under a second.
const FAST = { minDelay: 0.05, maxDelay: 0.1 };

describe('waitUntilServicesStable against the simulator', () => {
  let sim: Simulator | undefined;
  let aws: Clients | undefined;

  afterEach(async () => {
    aws?.destroy();
    await sim?.close();
  });

  async function start(
    opts: TestSeedOptions,
    speed = 200,
  ): Promise<{ sim: Simulator; aws: Clients }> {
    sim = await startSimulator({ seed: testSeed(opts), speed });
    aws = clientsFor(sim);
    return { sim, aws };
  }

  async function deploy(s: Simulator, a: Clients, tag: string): Promise<string> {
    const td = await a.ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition(`${s.ctx.registry.host}/web:${tag}`)),
    );
    const out = await a.ecs.send(
      new UpdateServiceCommand({
        cluster: 'c',
        service: 'svc',
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
      }),
    );
    return out.service?.deployments?.[0]?.id ?? '';
  }

  it('succeeds when a healthy deployment completes', async () => {
    const { sim: s, aws: a } = await start({});
    const id = await deploy(s, a, 'v2');
    const result = await waitUntilServicesStable(
      { client: a.ecs, maxWaitTime: 20, ...FAST },
      { cluster: 'c', services: ['svc'] },
    );
    expect(result.state).toBe('SUCCESS');
    const svc = (await a.ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['svc'] })))
      .services?.[0];
    expect(svc?.deployments?.map((d) => d.id)).toEqual([id]);
  });

  it('reports SUCCESS after a circuit-breaker rollback, as it does against AWS', async () => {
    const { sim: s, aws: a } = await start({});
    const id = await deploy(s, a, 'bad');
    const result = await waitUntilServicesStable(
      { client: a.ecs, maxWaitTime: 20, ...FAST },
      { cluster: 'c', services: ['svc'] },
    );
    expect(result.state).toBe('SUCCESS');
    const primary = (
      await a.ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }))
    ).services?.[0]?.deployments?.[0];
    // Only a tool that follows its own deployment id notices the rollback.
    expect(primary?.id).not.toBe(id);
    expect(primary?.rolloutStateReason).toBe(`ECS deployment ${primary?.id ?? ''} completed.`);
  });

  it('times out when the breaker fails the deployment without rollback', async () => {
    const { sim: s, aws: a } = await start({ breaker: { enable: true, rollback: false } });
    await deploy(s, a, 'bad');
    await expect(
      waitUntilServicesStable(
        { client: a.ecs, maxWaitTime: 1.5, ...FAST },
        { cluster: 'c', services: ['svc'] },
      ),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    const svc = (await a.ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['svc'] })))
      .services?.[0];
    expect(svc?.deployments?.[0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'FAILED',
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
    });
    expect(svc?.deployments).toHaveLength(2);
  });

  it('fails when the service is deleted mid-wait (DRAINING)', async () => {
    const { sim: s, aws: a } = await start({}, 5);
    await deploy(s, a, 'v2');
    const waiting = waitUntilServicesStable(
      { client: a.ecs, maxWaitTime: 20, ...FAST },
      { cluster: 'c', services: ['svc'] },
    );
    await a.ecs.send(new DeleteServiceCommand({ cluster: 'c', service: 'svc', force: true }));
    await expect(waiting).rejects.toThrow(/"state":"FAILURE"/);
  });

  it('fails at once for a service that does not exist (MISSING)', async () => {
    const { aws: a } = await start({});
    await expect(
      waitUntilServicesStable(
        { client: a.ecs, maxWaitTime: 5, ...FAST },
        { cluster: 'c', services: ['nope'] },
      ),
    ).rejects.toThrow(/"reason":"MISSING"/);
  });
});
