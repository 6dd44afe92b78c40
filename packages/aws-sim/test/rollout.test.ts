import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';
import { taskDefinition, testSeed } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

describe('healthy rolling update, desired 4, min 50 %, max 200 % (manual clock)', () => {
  const clock = new ManualClock();
  let sim: Simulator;
  let aws: Clients;

  beforeAll(async () => {
    sim = await startSimulator({ seed: testSeed(), clock });
    aws = clientsFor(sim);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  it('replaces 4 tasks within minHealthy 2 / maxTasks 8, step by step', async () => {
    const td = await aws.ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition(`${sim.ctx.registry.host}/web:v2`)),
    );
    const update = await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'c',
        service: 'svc',
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
      }),
    );
    const deployments = update.service?.deployments ?? [];
    expect(deployments.map((d) => [d.status, d.rolloutState, d.runningCount])).toEqual([
      ['PRIMARY', 'IN_PROGRESS', 0],
      ['ACTIVE', 'COMPLETED', 4],
    ]);
    const newId = deployments[0]?.id ?? '';
    expect(deployments[0]?.rolloutStateReason).toBe(`ECS deployment ${newId} in progress.`);

    // (old tasks the scheduler keeps, new tasks started, new tasks healthy), one sample a second.
    const samples: string[] = [];
    for (let second = 0; second < 120; second++) {
      clock.advance(1000);
      const state = sim.state().services[0];
      const next = state?.deployments.find((d) => d.id === newId);
      const old = state?.deployments.filter((d) => d.id !== newId) ?? [];
      const oldKept = old.reduce((n, d) => n + d.desiredRunningCount, 0);
      const oldHealthy = old.reduce((n, d) => n + d.healthyCount, 0);
      const kept = oldKept + (next?.desiredRunningCount ?? 0);
      expect(kept).toBeLessThanOrEqual(8);
      expect(oldHealthy + (next?.healthyCount ?? 0)).toBeGreaterThanOrEqual(2);
      const sample = `${oldKept}/${next?.desiredRunningCount ?? 0}/${next?.healthyCount ?? 0}`;
      if (samples.at(-1) !== sample) samples.push(sample);
      if (state?.deployments.length === 1 && next?.rolloutState === 'COMPLETED') break;
    }
    expect(samples).toEqual(['2/4/0', '1/4/1', '0/4/2', '0/4/3', '0/4/4']);

    const out = await aws.ecs.send(
      new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }),
    );
    const svc = out.services?.[0];
    expect(svc?.deployments).toHaveLength(1);
    expect(svc?.deployments?.[0]?.id).toBe(newId);
    expect(svc?.deployments?.[0]?.rolloutStateReason).toBe(`ECS deployment ${newId} completed.`);
    expect(svc?.runningCount).toBe(4);
    expect(svc?.taskDefinition).toBe(td.taskDefinition?.taskDefinitionArn);
    const messages = (svc?.events ?? []).map((e) => e.message ?? '');
    expect(messages[0]).toBe('(service svc) has reached a steady state.');
    expect(messages[1]).toBe(`(service svc) (deployment ${newId}) deployment completed.`);
    // The first scheduling step: two old tasks drained and stopped, four new ones started.
    const started = messages.find((m) => m.includes('has started 4 tasks'));
    expect(started).toMatch(
      /^\(service svc\) has started 4 tasks: (\(task [0-9a-f]{32}\) ?){4}\.$/,
    );
    expect(messages).toContain(
      `(service svc, taskSet ${deployments[1]?.id ?? ''}) has begun draining connections on 2 tasks.`,
    );
    expect(messages.some((m) => m.startsWith('(service svc) has stopped 2 running tasks: '))).toBe(
      true,
    );
    expect(
      messages.some((m) =>
        m.startsWith(
          '(service svc) registered 1 targets in (target-group arn:aws:elasticloadbalancing:',
        ),
      ),
    ).toBe(true);

    const tg = svc?.loadBalancers?.[0]?.targetGroupArn;
    const health = await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(health.TargetHealthDescriptions?.map((t) => t.TargetHealth?.State)).toEqual([
      'healthy',
      'healthy',
      'healthy',
      'healthy',
    ]);
  });
});
