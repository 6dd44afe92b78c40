import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';
import { taskDefinition, testSeed } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

// Each image behaviour, deployed to a one-task service without a circuit breaker, observed
// through the SDK: the stopped task's codes and reasons and the service events.
describe('image behaviours (scenarios)', () => {
  const clock = new ManualClock();
  let sim: Simulator;
  let aws: Clients;

  beforeAll(async () => {
    sim = await startSimulator({
      seed: testSeed({
        desiredCount: 1,
        minimumHealthyPercent: 100,
        breaker: { enable: false, rollback: false },
      }),
      clock,
    });
    aws = clientsFor(sim);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  /** Deploys `image`, steps the clock, and returns the first stopped task of that deployment. */
  async function firstStoppedTask(
    image: string,
    extra: Partial<RegisterTaskDefinitionCommandInput> = {},
  ): Promise<{ task: Task; events: string[]; deploymentId: string }> {
    const td = await aws.ecs.send(
      new RegisterTaskDefinitionCommand({ ...taskDefinition(image), ...extra }),
    );
    const out = await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'c',
        service: 'svc',
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
      }),
    );
    const deploymentId = out.service?.deployments?.[0]?.id ?? '';
    for (let s = 0; s < 600; s++) {
      clock.advance(1000);
      const listed = await aws.ecs.send(
        new ListTasksCommand({ cluster: 'c', startedBy: deploymentId, desiredStatus: 'STOPPED' }),
      );
      const arn = listed.taskArns?.[0];
      if (arn === undefined) continue;
      const described = await aws.ecs.send(
        new DescribeTasksCommand({ cluster: 'c', tasks: [arn] }),
      );
      const task = described.tasks?.[0];
      if (task?.lastStatus !== 'STOPPED') continue;
      const svc = (
        await aws.ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }))
      ).services?.[0];
      return { task, events: (svc?.events ?? []).map((e) => e.message ?? ''), deploymentId };
    }
    throw new Error('no stopped task');
  }

  it('a tag that is not in the registry gives CannotPullContainerError', async () => {
    const image = `${sim.ctx.registry.host}/web:deadbeef`;
    const { task, events } = await firstStoppedTask(image);
    const reason = `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: not found`;
    expect(task).toMatchObject({ stopCode: 'TaskFailedToStart', stoppedReason: reason });
    expect(task.containers?.[0]).toMatchObject({ reason, lastStatus: 'STOPPED' });
    expect(task.containers?.[0]?.exitCode).toBeUndefined();
    expect(events).toContain(`(service svc) was unable to place a task. Reason: ${reason}.`);
  });

  it('exit-on-start:N stops the task with EssentialContainerExited and exit code N', async () => {
    await sim.control.setScenario({ image: 'web:v2', scenario: 'exit-on-start:3' });
    const { task } = await firstStoppedTask(`${sim.ctx.registry.host}/web:v2`);
    expect(task).toMatchObject({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
    });
    expect(task.containers?.[0]?.exitCode).toBe(3);
    await sim.control.clearScenarios();
  });

  it('oom: exit 137 with OutOfMemoryError after running', async () => {
    const digest = await sim.control.pushImage({ repository: 'web', tag: 'oom', scenario: 'oom' });
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const { task } = await firstStoppedTask(`${sim.ctx.registry.host}/web@${digest}`);
    expect(task.startedAt).toBeInstanceOf(Date);
    expect(task).toMatchObject({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
    });
    expect(task.containers?.[0]).toMatchObject({
      exitCode: 137,
      reason: 'OutOfMemoryError: Container killed due to memory usage',
      imageDigest: digest,
    });
  });

  it('secrets-error names the missing JSON key from the secret ARN', async () => {
    await sim.control.pushImage({ repository: 'web', tag: 'sec', scenario: 'secrets-error' });
    const { task, events } = await firstStoppedTask(`${sim.ctx.registry.host}/web:sec`, {
      executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
      containerDefinitions: [
        {
          name: 'app',
          image: `${sim.ctx.registry.host}/web:sec`,
          portMappings: [{ containerPort: 8080 }],
          secrets: [
            {
              name: 'DB_PASSWORD',
              valueFrom:
                'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::',
            },
          ],
        },
      ],
    });
    const reason =
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): retrieved secret from Secrets Manager did not contain json key password';
    expect(task).toMatchObject({ stopCode: 'TaskFailedToStart', stoppedReason: reason });
    expect(events).toContain(`(service svc) was unable to place a task. Reason: ${reason}.`);
  });

  it('unhealthy: the target goes unhealthy (503) and ECS replaces the task', async () => {
    const digest = await sim.control.pushImage({ repository: 'web', tag: 'sick' });
    await sim.control.setScenario({ digest, scenario: 'unhealthy' });
    const { task, events } = await firstStoppedTask(`${sim.ctx.registry.host}/web:sick`);
    const tg = sim.ctx.world.targetGroups.values().next().value?.arn ?? '';
    expect(task).toMatchObject({
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: `Task failed ELB health checks in (target-group ${tg})`,
    });
    expect(events).toContain(
      `(service svc) (task ${task.taskArn?.split('/').pop() ?? ''}) (port 8080) is unhealthy in (target-group ${tg}) due to (reason Health checks failed with these codes: [503]).`,
    );
    // The next start carries ECS's "replaced … due to an unhealthy status" suffix.
    clock.advance(1000);
    const svc = (
      await aws.ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }))
    ).services?.[0];
    expect(
      svc?.events?.some((e) =>
        e.message?.endsWith('Amazon ECS replaced 1 tasks due to an unhealthy status.'),
      ),
    ).toBe(true);
    const health = await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    // The stopped task's target finished draining and is gone from the un-filtered listing.
    const ip = task.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value;
    expect(health.TargetHealthDescriptions?.map((d) => d.Target?.Id)).not.toContain(ip);
  });

  it('crash-after: healthy first, then exits', async () => {
    await sim.control.setScenario({ image: 'web:v1', scenario: 'crash-after:30:2' });
    const { task } = await firstStoppedTask(`${sim.ctx.registry.host}/web:v1`, {
      family: 'crashy',
    });
    expect(task.stopCode).toBe('EssentialContainerExited');
    expect(task.containers?.[0]?.exitCode).toBe(2);
    const ran = (task.stoppedAt?.getTime() ?? 0) - (task.startedAt?.getTime() ?? 0);
    expect(ran).toBeGreaterThanOrEqual(30_000);
  });
});
