import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';
import { taskDefinition, testSeed, type TestSeedOptions } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

describe('rolling engine edges (manual clock)', () => {
  let sim: Simulator | undefined;
  let aws: Clients | undefined;
  let clock: ManualClock;

  afterEach(async () => {
    aws?.destroy();
    await sim?.close();
  });

  async function start(opts: TestSeedOptions): Promise<{ s: Simulator; a: Clients }> {
    clock = new ManualClock();
    sim = await startSimulator({ seed: testSeed(opts), clock });
    aws = clientsFor(sim);
    return { s: sim, a: aws };
  }

  async function deploy(s: Simulator, a: Clients, image: string): Promise<string> {
    const td = await a.ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition(`${s.ctx.registry.host}/${image}`)),
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

  async function svc(a: Clients): Promise<Service> {
    const out = await a.ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }));
    return out.services?.[0] ?? {};
  }

  it('a configuration that cannot move reports it once and keeps the old tasks', async () => {
    const { s, a } = await start({
      desiredCount: 2,
      minimumHealthyPercent: 75,
      maximumPercent: 100,
    });
    await deploy(s, a, 'web:v2');
    clock.advance(30_000);
    const now = await svc(a);
    const stuck = (now.events ?? []).filter((e) =>
      e.message?.includes('unable to stop or start tasks'),
    );
    expect(stuck.map((e) => e.message)).toEqual([
      '(service svc) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.',
    ]);
    expect(now.deployments?.map((d) => d.runningCount)).toEqual([0, 2]);
  });

  it('the circuit breaker also counts tasks stopped for failing ELB health checks', async () => {
    const { s, a } = await start({ desiredCount: 2 });
    await s.control.setScenario({ image: 'web:v2', scenario: 'unhealthy' });
    const bad = await deploy(s, a, 'web:v2');
    let failed: Service | undefined;
    for (let i = 0; i < 300 && !failed; i++) {
      clock.advance(1000);
      const now = await svc(a);
      if (now.deployments?.some((d) => d.id === bad && d.rolloutState === 'FAILED')) failed = now;
    }
    expect(failed?.deployments?.find((d) => d.id === bad)?.failedTasks).toBe(3);
    const stopped = await a.ecs.send(
      new ListTasksCommand({ cluster: 'c', startedBy: bad, desiredStatus: 'STOPPED' }),
    );
    const tasks =
      (await a.ecs.send(new DescribeTasksCommand({ cluster: 'c', tasks: stopped.taskArns })))
        .tasks ?? [];
    const elb = tasks.filter((t) =>
      t.stoppedReason?.startsWith('Task failed ELB health checks in (target-group arn:'),
    );
    expect(elb.length).toBeGreaterThanOrEqual(3);
    expect(elb[0]?.stopCode).toBe('ServiceSchedulerInitiated');
  });

  it('without a breaker, repeated start failures are spaced out and reported', async () => {
    const { s, a } = await start({
      desiredCount: 1,
      minimumHealthyPercent: 100,
      breaker: { enable: false, rollback: false },
    });
    const id = await deploy(s, a, 'web:missing');
    clock.advance(120_000);
    const now = await svc(a);
    const primary = now.deployments?.[0];
    expect(primary).toMatchObject({ id, rolloutState: 'IN_PROGRESS' });
    expect(primary?.failedTasks).toBeGreaterThanOrEqual(3);
    // 3 failures 8 s apart, then waits of 10, 20, 40 s: far fewer than one a tick.
    expect(primary?.failedTasks).toBeLessThanOrEqual(7);
    expect(now.events?.map((e) => e.message)).toContain(
      '(service svc) is unable to consistently start tasks successfully.',
    );
    expect(now.runningCount).toBe(1); // the old task keeps serving
  });

  it('a new deployment while one is in progress demotes it; more than two can coexist', async () => {
    const { s, a } = await start({ desiredCount: 2, minimumHealthyPercent: 100 });
    const first = await deploy(s, a, 'web:v2');
    clock.advance(3000);
    const second = await deploy(s, a, 'web:v1');
    const now = await svc(a);
    expect(now.deployments?.map((d) => [d.id, d.status])).toEqual([
      [second, 'PRIMARY'],
      [first, 'ACTIVE'],
      [expect.any(String), 'ACTIVE'],
    ]);
    for (let i = 0; i < 300; i++) {
      clock.advance(1000);
      if ((await svc(a)).deployments?.length === 1) break;
    }
    const done = await svc(a);
    expect(done.deployments?.map((d) => [d.id, d.rolloutState])).toEqual([[second, 'COMPLETED']]);
    expect(done.runningCount).toBe(2);
  });
});
