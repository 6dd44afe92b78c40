import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { BatchGetImageCommand } from '@aws-sdk/client-ecr';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';
import { taskDefinition, testSeed } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

describe('circuit breaker: desired 4 (min 50 %, max 200 %) updated to an image that exits on start', () => {
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

  const describeSvc = async (): Promise<Service> => {
    const out = await aws.ecs.send(
      new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }),
    );
    const svc = out.services?.[0];
    if (!svc) throw new Error('service missing');
    return svc;
  };

  it('fails after 3 failed tasks, rolls back, and records the history', async () => {
    const before = await describeSvc();
    const goodId = before.deployments?.[0]?.id ?? '';
    const goodTd = before.taskDefinition;
    const td = await aws.ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition(`${sim.ctx.registry.host}/web:bad`)),
    );
    const update = await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'c',
        service: 'svc',
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
      }),
    );
    const badId = update.service?.deployments?.[0]?.id ?? '';

    // Step until the breaker trips, and check the moment it does.
    let tripped: Service | undefined;
    for (let s = 0; s < 120 && !tripped; s++) {
      clock.advance(1000);
      const svc = await describeSvc();
      if (svc.deployments?.some((d) => d.id === badId && d.rolloutState === 'FAILED'))
        tripped = svc;
    }
    expect(tripped).toBeDefined();
    const [rollback, failed] = tripped?.deployments ?? [];
    expect(failed).toMatchObject({
      id: badId,
      status: 'ACTIVE',
      rolloutState: 'FAILED',
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      failedTasks: 3,
    });
    expect(rollback).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${goodId}.`,
      taskDefinition: goodTd,
    });
    expect(tripped?.taskDefinition).toBe(goodTd);
    const msgs = (tripped?.events ?? []).map((e) => e.message);
    const failedAt = msgs.indexOf(
      `(service svc) (deployment ${badId}) deployment failed: tasks failed to start.`,
    );
    const rollingAt = msgs.indexOf(`(service svc) rolling back to deployment ${goodId}.`);
    expect(failedAt).toBeGreaterThan(0);
    // Newest first: "rolling back" was written right after "deployment failed".
    expect(rollingAt).toBe(failedAt - 1);

    // Let the rollback finish.
    let done: Service | undefined;
    for (let s = 0; s < 300 && !done; s++) {
      clock.advance(1000);
      const svc = await describeSvc();
      if (svc.deployments?.length === 1 && svc.deployments[0]?.rolloutState === 'COMPLETED')
        done = svc;
    }
    const rollbackId = rollback?.id ?? '';
    expect(done?.deployments?.[0]).toMatchObject({
      id: rollbackId,
      rolloutStateReason: `ECS deployment ${rollbackId} completed.`,
      taskDefinition: goodTd,
    });
    expect(done?.runningCount).toBe(4);
    expect(done?.events?.[0]?.message).toBe('(service svc) has reached a steady state.');
    expect(done?.events?.[1]?.message).toBe(
      `(service svc) (deployment ${rollbackId}) deployment completed.`,
    );

    // Stopped tasks of the failed deployment: exit code 1, ECS's stop code and reason.
    const listed = await aws.ecs.send(
      new ListTasksCommand({
        cluster: 'c',
        serviceName: 'svc',
        startedBy: badId,
        desiredStatus: 'STOPPED',
      }),
    );
    const tasks =
      (await aws.ecs.send(new DescribeTasksCommand({ cluster: 'c', tasks: listed.taskArns })))
        .tasks ?? [];
    const exited = tasks.filter((t) => t.stopCode === 'EssentialContainerExited');
    expect(exited).toHaveLength(3);
    for (const t of exited) {
      expect(t).toMatchObject({
        lastStatus: 'STOPPED',
        stoppedReason: 'Essential container in task exited',
        group: 'service:svc',
        startedBy: badId,
      });
      expect(t.containers?.[0]?.exitCode).toBe(1);
    }
    for (const t of tasks.filter((x) => x.stopCode !== 'EssentialContainerExited')) {
      expect(t.stopCode).toBe('ServiceSchedulerInitiated');
      expect(t.stoppedReason).toBe(`Scaling activity initiated by (deployment ${rollbackId})`);
    }

    // Service deployment history: the failed update rolled back, the seeded one succeeded.
    const history = await aws.ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'c', service: 'svc' }),
    );
    expect(history.serviceDeployments?.map((d) => d.status)).toEqual([
      'ROLLBACK_SUCCESSFUL',
      'SUCCESSFUL',
    ]);
    const [badRecord, goodRecord] = history.serviceDeployments ?? [];
    const full = await aws.ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: [badRecord?.serviceDeploymentArn ?? ''],
      }),
    );
    const sd = full.serviceDeployments?.[0];
    expect(sd?.deploymentCircuitBreaker).toEqual({
      status: 'TRIGGERED',
      failureCount: 3,
      threshold: 3,
    });
    expect(sd?.rollback?.serviceRevisionArn).toBe(goodRecord?.targetServiceRevisionArn);
    expect(sd?.targetServiceRevision?.arn).toBe(badRecord?.targetServiceRevisionArn);

    // The revision of the failed deployment pinned the digest of web:bad at deployment time.
    const revisions = await aws.ecs.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [
          badRecord?.targetServiceRevisionArn ?? '',
          goodRecord?.targetServiceRevisionArn ?? '',
        ],
      }),
    );
    const image = await aws.ecr.send(
      new BatchGetImageCommand({
        repositoryName: 'web',
        imageIds: [{ imageTag: 'bad' }, { imageTag: 'v1' }],
      }),
    );
    expect(revisions.serviceRevisions?.map((r) => r.containerImages?.[0]?.imageDigest)).toEqual(
      image.images?.map((i) => i.imageId?.imageDigest),
    );
  });
});
