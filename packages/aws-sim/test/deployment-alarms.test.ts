// ECS deployment alarms on a manual clock (docs/aws-behaviour.md#deployment-alarms): an alarm
// named in deploymentConfiguration.alarms that goes into ALARM while the deployment is in
// progress (or baking) fails it, and with rollback: true ECS goes back to the last completed
// deployment the way the circuit breaker does.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CloudWatchClient,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type Service,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';
import { taskDefinition, testSeed } from './fixtures.js';
import { clientsFor, type Clients } from './helpers.js';

const ALARM = 'web-5xx';
/** Period 60 s × 3 evaluation periods: the simulator's bake time is 180 s. */
const BAKE_MS = 180_000;

describe('deployment alarms', () => {
  let clock: ManualClock;
  let sim: Simulator;
  let aws: Clients;
  let cw: CloudWatchClient;

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 0, 1));
    sim = await startSimulator({ seed: testSeed({ desiredCount: 2 }), clock });
    aws = clientsFor(sim, 1);
    cw = new CloudWatchClient({
      endpoint: sim.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: ALARM,
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'HTTPCode_Target_5XX_Count',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 3,
        Threshold: 10,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
  });
  afterEach(async () => {
    aws.destroy();
    cw.destroy();
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

  /** The newest service-deployment record of svc (the update's; a rollback shares it). */
  const record = async (): Promise<ServiceDeployment | undefined> => {
    const list = await aws.ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'c', service: 'svc' }),
    );
    const arn = list.serviceDeployments?.[0]?.serviceDeploymentArn ?? '';
    return (
      await aws.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))
    ).serviceDeployments?.[0];
  };

  /** Updates svc to web:v2 with the alarms configuration; returns the old and new deployment ids. */
  const deploy = async (
    rollback: boolean,
  ): Promise<{ goodId: string; newId: string; goodTd: string }> => {
    const before = await describeSvc();
    const td = await aws.ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition(`${sim.ctx.registry.host}/web:v2`)),
    );
    const update = await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'c',
        service: 'svc',
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
        deploymentConfiguration: { alarms: { alarmNames: [ALARM], enable: true, rollback } },
      }),
    );
    expect(update.service?.deploymentConfiguration?.alarms).toEqual({
      alarmNames: [ALARM],
      enable: true,
      rollback,
    });
    return {
      goodId: before.deployments?.[0]?.id ?? '',
      newId: update.service?.deployments?.[0]?.id ?? '',
      goodTd: before.taskDefinition ?? '',
    };
  };

  /** Advances a second at a time until `done` holds for the service (at most `limit` s). */
  const until = async (done: (svc: Service) => boolean, limit = 600): Promise<Service> => {
    for (let s = 0; s < limit; s++) {
      const svc = await describeSvc();
      if (done(svc)) return svc;
      clock.advance(1000);
    }
    throw new Error('condition not reached');
  };

  const setAlarm = (state: 'OK' | 'ALARM'): Promise<unknown> =>
    cw.send(new SetAlarmStateCommand({ AlarmName: ALARM, StateValue: state, StateReason: 'test' }));

  const running = (svc: Service, id: string): number =>
    svc.deployments?.find((d) => d.id === id)?.runningCount ?? 0;

  /** The new deployment runs the desired 2 tasks and no other deployment runs any. */
  const replaced = (svc: Service, id: string): boolean =>
    running(svc, id) === 2 &&
    (svc.deployments ?? []).every((d) => d.id === id || (d.runningCount ?? 0) === 0);

  it.each([
    {
      rollback: true,
      failedStatus: 'ACTIVE',
      recordStatus: 'ROLLBACK_IN_PROGRESS',
    },
    {
      rollback: false,
      failedStatus: 'PRIMARY',
      recordStatus: 'STOPPED',
    },
  ])(
    'an alarm in ALARM during the deployment fails it (rollback: $rollback)',
    async ({ rollback, failedStatus, recordStatus }) => {
      const { goodId, newId, goodTd } = await deploy(rollback);
      await until((svc) => running(svc, newId) > 0);
      await setAlarm('ALARM');
      // The engine reads the alarm at its next tick.
      const failed = await until((svc) =>
        (svc.deployments ?? []).some((d) => d.id === newId && d.rolloutState === 'FAILED'),
      );
      const newDeployment = failed.deployments?.find((d) => d.id === newId);
      expect(newDeployment).toMatchObject({
        status: failedStatus,
        rolloutState: 'FAILED',
        rolloutStateReason: `ECS deployment alarms: alarm(s) ${ALARM} in ALARM state.`,
      });
      const messages = (failed.events ?? []).map((e) => e.message ?? '');
      const failedAt = messages.indexOf(
        `(service svc) (deployment ${newId}) deployment failed: alarm detected.`,
      );
      expect(failedAt).toBeGreaterThanOrEqual(0);
      const rec = await record();
      expect(rec).toMatchObject({
        status: recordStatus,
        alarms: { status: 'TRIGGERED', alarmNames: [ALARM], triggeredAlarmNames: [ALARM] },
        deploymentCircuitBreaker: { status: 'MONITORING' },
      });
      if (rollback) {
        expect(failed.deployments?.[0]).toMatchObject({
          status: 'PRIMARY',
          rolloutState: 'IN_PROGRESS',
          rolloutStateReason: `ECS deployment alarms: rolling back to deploymentId ${goodId}.`,
          taskDefinition: goodTd,
        });
        expect(messages[failedAt - 1]).toBe(`(service svc) rolling back to deployment ${goodId}.`);
        expect(rec?.rollback).toMatchObject({
          reason: `ECS deployment alarms: alarm(s) ${ALARM} in ALARM state.`,
        });
        // The rollback is not watched by the alarm that failed the deployment: it completes.
        const back = await until((svc) => svc.deployments?.length === 1);
        expect(back.deployments?.[0]).toMatchObject({
          rolloutState: 'COMPLETED',
          taskDefinition: goodTd,
        });
        expect((await record())?.status).toBe('ROLLBACK_SUCCESSFUL');
      } else {
        expect(rec?.statusReason).toBe(`ECS deployment alarms: alarm(s) ${ALARM} in ALARM state.`);
        expect(rec?.rollback).toBeUndefined();
        expect(messages.some((m) => m.includes('rolling back'))).toBe(false);
        // Nothing completes it: the FAILED deployment stays, the service does not settle.
        clock.advance(600_000);
        const later = await describeSvc();
        expect(later.deployments?.find((d) => d.id === newId)?.rolloutState).toBe('FAILED');
      }
    },
  );

  it('keeps the deployment IN_PROGRESS for the bake time after it is healthy, then completes it', async () => {
    const { newId } = await deploy(true);
    const healthy = await until((svc) => replaced(svc, newId));
    const reachedAt = clock.now();
    expect(healthy.deployments?.[0]).toMatchObject({ id: newId, rolloutState: 'IN_PROGRESS' });
    const done = await until((svc) => svc.deployments?.[0]?.rolloutState === 'COMPLETED');
    expect(done.deployments?.map((d) => d.id)).toEqual([newId]);
    // The bake time starts at the tick that found the deployment healthy and alone.
    expect(clock.now() - reachedAt).toBeGreaterThanOrEqual(BAKE_MS - 2000);
    expect(clock.now() - reachedAt).toBeLessThanOrEqual(BAKE_MS + 2000);
    const rec = await record();
    expect(rec).toMatchObject({
      status: 'SUCCESSFUL',
      alarms: { status: 'MONITORING_COMPLETE', alarmNames: [ALARM] },
    });
    expect(rec?.alarms?.triggeredAlarmNames).toBeUndefined();
  });

  it('fails a deployment whose alarm fires during the bake time', async () => {
    const { newId, goodTd } = await deploy(true);
    await until((svc) => replaced(svc, newId));
    clock.advance(BAKE_MS / 2);
    await setAlarm('ALARM');
    const failed = await until((svc) =>
      (svc.deployments ?? []).some((d) => d.id === newId && d.rolloutState === 'FAILED'),
    );
    expect(failed.deployments?.[0]?.taskDefinition).toBe(goodTd);
  });

  it('ignores an alarm that was already in ALARM when the deployment started', async () => {
    await setAlarm('ALARM');
    clock.advance(1000);
    const { newId } = await deploy(true);
    const done = await until((svc) => svc.deployments?.[0]?.rolloutState === 'COMPLETED', 900);
    expect(done.deployments?.[0]?.id).toBe(newId);
  });
});
