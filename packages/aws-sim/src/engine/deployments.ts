import { deploymentId, shortId } from '../ids.js';
import type {
  Deployment,
  Service,
  ServiceDeploymentRecord,
  ServiceRevision,
} from '../state/model.js';
import type { World } from '../state/world.js';
import { clone } from '../util/json.js';
import { alarmsConfig } from './alarms.js';
import { breakerConfig, breakerThreshold } from './circuit-breaker.js';
import { eventText, rolloutReason } from './events.js';
import { stopServiceTasks } from './stop.js';
import { applyTraffic, newRollout } from './strategies.js';

/** Options for a new deployment. */
export interface NewDeployment {
  /** rolloutStateReason to start with (default: "ECS deployment … in progress."). */
  reason?: string;
  /** Attach to an existing service-deployment record (a rollback) instead of creating one. */
  record?: ServiceDeploymentRecord;
}

/**
 * Starts a deployment of `revision` (pure state change): it becomes PRIMARY, IN_PROGRESS, with
 * no tasks; the previous PRIMARY is demoted to ACTIVE and keeps its tasks until replaced.
 */
export function startDeployment(
  world: World,
  service: Service,
  revision: ServiceRevision,
  now: number,
  opts: NewDeployment = {},
): Deployment {
  // CODE_DEPLOY and EXTERNAL services are deployed by CodeDeploy or task sets, never by ECS's
  // rolling scheduler: reaching here for one is a simulator bug.
  if (service.deploymentController !== 'ECS')
    throw new Error(
      `startDeployment: ${service.name} uses the ${service.deploymentController} controller`,
    );
  const id = deploymentId();
  let record = opts.record;
  for (const d of service.deployments) {
    if (d.status !== 'PRIMARY') continue;
    d.status = 'ACTIVE';
    d.updatedAt = now;
    const old = recordOf(service, d);
    if (old && old !== record && isOpen(old)) {
      old.status = 'STOPPED';
      old.statusReason = 'Service deployment stopped because a new deployment was started.';
      old.stoppedAt = now;
      old.updatedAt = now;
    }
  }
  // A rollback deploys the old revision the rolling way; a new deployment follows the strategy.
  const rollout = opts.record ? undefined : newRollout(world, service);
  if (!record) {
    const cfg = breakerConfig(service.deploymentConfiguration);
    const alarms = alarmsConfig(service.deploymentConfiguration);
    record = {
      arn: world.ecsArn(`service-deployment/${service.clusterName}/${service.name}/${shortId()}`),
      createdAt: now,
      startedAt: now,
      updatedAt: now,
      status: 'IN_PROGRESS',
      targetRevisionArn: revision.arn,
      sourceRevisionArns: [...new Set(service.deployments.map((d) => d.revisionArn))],
      deploymentConfiguration: clone(service.deploymentConfiguration),
      breaker: {
        status: cfg.enable ? 'MONITORING' : 'DISABLED',
        failureCount: 0,
        threshold: breakerThreshold(service.desiredCount, cfg),
      },
      alarms: {
        status: alarms.enable ? 'MONITORING' : 'DISABLED',
        alarmNames: alarms.alarmNames,
        triggeredAlarmNames: [],
      },
      ...(rollout ? { lifecycleStage: rollout.stage } : {}),
    };
    service.serviceDeployments.unshift(record);
  }
  const deployment: Deployment = {
    id,
    status: 'PRIMARY',
    revisionArn: revision.arn,
    taskDefinitionArn: revision.taskDefinitionArn,
    createdAt: now,
    updatedAt: now,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: opts.reason ?? rolloutReason.inProgress(id),
    failedTasks: 0,
    serviceDeploymentArn: record.arn,
    launchBackoffUntil: 0,
    consecutiveStartFailures: 0,
    stuckReported: false,
    throttleReported: false,
    settings: clone(service.deploymentSettings),
    ...(rollout ? { rollout } : {}),
  };
  service.deployments.unshift(deployment);
  service.taskDefinitionArn = revision.taskDefinitionArn;
  return deployment;
}

/** The service-deployment record a deployment belongs to. */
export function recordOf(service: Service, d: Deployment): ServiceDeploymentRecord | undefined {
  return service.serviceDeployments.find((r) => r.arn === d.serviceDeploymentArn);
}

function isOpen(r: ServiceDeploymentRecord): boolean {
  return r.status === 'IN_PROGRESS' || r.status === 'PENDING';
}

/** The PRIMARY reached its desired count of healthy tasks and nothing else runs: done. */
export function completeDeployment(
  world: World,
  service: Service,
  d: Deployment,
  now: number,
): void {
  d.rolloutState = 'COMPLETED';
  d.rolloutStateReason = rolloutReason.completed(d.id);
  d.updatedAt = now;
  service.deployments = [d];
  service.lastCompleted = { deploymentId: d.id, revisionArn: d.revisionArn };
  const record = recordOf(service, d);
  if (record) {
    record.status =
      record.status === 'ROLLBACK_IN_PROGRESS' || record.status === 'ROLLBACK_REQUESTED'
        ? 'ROLLBACK_SUCCESSFUL'
        : 'SUCCESSFUL';
    record.finishedAt = now;
    record.updatedAt = now;
    if (record.breaker.status === 'MONITORING') record.breaker.status = 'MONITORING_COMPLETE';
    if (record.alarms.status === 'MONITORING') record.alarms.status = 'MONITORING_COMPLETE';
  }
  world.addEvent(service, now, eventText.completed(service.name, d.id));
  world.addEvent(service, now, eventText.steady(service.name));
}

/** Why a deployment failed: its texts and whether to roll back. */
interface FailureCause {
  /** rolloutStateReason of the failed deployment; also the record's statusReason / rollback reason. */
  reason: string;
  /** The service event announcing the failure. */
  event: string;
  /** rolloutStateReason of the rollback deployment. */
  rollingBack: (toDeploymentId: string) => string;
  rollback: boolean;
}

/**
 * `d` failed: FAILED, and with rollback (and a COMPLETED deployment to go back to) a new PRIMARY
 * deployment of that revision starts under the same service-deployment record.
 */
function failDeployment(
  world: World,
  service: Service,
  d: Deployment,
  now: number,
  cause: FailureCause,
): void {
  d.rolloutState = 'FAILED';
  d.rolloutStateReason = cause.reason;
  d.updatedAt = now;
  delete d.bakeUntil;
  const record = recordOf(service, d);
  const isRollback = record?.status === 'ROLLBACK_IN_PROGRESS';
  if (record) record.updatedAt = now;
  world.addEvent(service, now, cause.event);
  const target = service.lastCompleted;
  const revision = target ? world.revisions.get(target.revisionArn) : undefined;
  const blue = d.rollout ? blueDeployment(world, service, d) : undefined;
  if (cause.rollback && d.status === 'PRIMARY' && !isRollback && blue && record) {
    rollbackToBlue(world, service, d, blue, record, now, {
      reason: cause.reason,
      blueReason: cause.rollingBack(blue.id),
    });
    return;
  }
  if (cause.rollback && d.status === 'PRIMARY' && !isRollback && target && revision && record) {
    world.addEvent(service, now, eventText.rollingBack(service.name, target.deploymentId));
    startDeployment(world, service, revision, now, {
      reason: cause.rollingBack(target.deploymentId),
      record,
    });
    record.status = 'ROLLBACK_IN_PROGRESS';
    record.rollback = {
      reason: cause.reason,
      startedAt: now,
      serviceRevisionArn: revision.arn,
    };
    return;
  }
  if (record) {
    record.status = isRollback ? 'ROLLBACK_FAILED' : 'STOPPED';
    record.statusReason = cause.reason;
    record.stoppedAt = now;
    record.finishedAt = now;
  }
}

/**
 * The deployment a traffic-shifting deployment `green` goes back to: the last completed one, when
 * it is still in `deployments[]` with tasks the scheduler keeps running.
 */
function blueDeployment(world: World, service: Service, green: Deployment): Deployment | undefined {
  const target = service.lastCompleted;
  const blue = service.deployments.find((x) => x !== green && x.id === target?.deploymentId);
  if (!blue) return undefined;
  const running = world
    .liveTasks(service)
    .some((t) => t.deploymentId === blue.id && t.desiredStatus === 'RUNNING');
  return running ? blue : undefined;
}

/**
 * Rolls a BLUE_GREEN / LINEAR / CANARY deployment back (docs/aws-behaviour.md#native-deployment-strategies):
 * production traffic returns to the blue tasks, which never stopped; the blue deployment becomes
 * PRIMARY again (IN_PROGRESS under the failed deployment's record until the green tasks are gone,
 * then COMPLETED and the record ROLLBACK_SUCCESSFUL); the green tasks are stopped.
 */
function rollbackToBlue(
  world: World,
  service: Service,
  green: Deployment,
  blue: Deployment,
  record: ServiceDeploymentRecord,
  now: number,
  texts: { reason: string; blueReason: string },
): void {
  world.addEvent(service, now, eventText.rollingBack(service.name, blue.id));
  const live = world.liveTasks(service).filter((t) => t.desiredStatus === 'RUNNING');
  const greenTasks = live.filter((t) => t.deploymentId === green.id);
  const blueTasks = live.filter((t) => t.deploymentId === blue.id);
  applyTraffic(world, service, greenTasks, blueTasks, 0, now);
  if (green.rollout) {
    green.rollout.weight = 0;
    delete green.rollout.waitUntil;
  }
  green.status = 'ACTIVE';
  green.updatedAt = now;
  blue.status = 'PRIMARY';
  blue.rolloutState = 'IN_PROGRESS';
  blue.rolloutStateReason = texts.blueReason;
  blue.serviceDeploymentArn = record.arn;
  blue.failedTasks = 0;
  blue.updatedAt = now;
  delete blue.rollout;
  delete blue.bakeUntil;
  service.deployments = [blue, ...service.deployments.filter((x) => x !== blue)];
  service.taskDefinitionArn = blue.taskDefinitionArn;
  if (greenTasks.length > 0)
    stopServiceTasks(
      world,
      service,
      blue,
      greenTasks.map((t) => t.id),
      now,
    );
  record.status = 'ROLLBACK_IN_PROGRESS';
  record.updatedAt = now;
  record.rollback = { reason: texts.reason, startedAt: now, serviceRevisionArn: blue.revisionArn };
}

/**
 * The circuit breaker fired for `d`: FAILED, and with rollback (and a COMPLETED deployment to go
 * back to) a new PRIMARY deployment of that revision starts.
 */
export function tripBreaker(world: World, service: Service, d: Deployment, now: number): void {
  const cfg = breakerConfig(service.deploymentConfiguration);
  const record = recordOf(service, d);
  if (record) {
    record.breaker.status = 'TRIGGERED';
    record.breaker.failureCount = d.failedTasks;
  }
  failDeployment(world, service, d, now, {
    reason: rolloutReason.breakerFailed,
    event: eventText.failed(service.name, d.id),
    rollingBack: rolloutReason.rollingBack,
    rollback: cfg.rollback,
  });
}

/**
 * Deployment alarms fired for `d` (docs/aws-behaviour.md#deployment-alarms): FAILED, rolled back
 * like the circuit breaker does when `alarms.rollback` is set.
 */
export function failOnAlarms(
  world: World,
  service: Service,
  d: Deployment,
  fired: readonly string[],
  now: number,
): void {
  const record = recordOf(service, d);
  if (record) {
    record.alarms.status = 'TRIGGERED';
    record.alarms.triggeredAlarmNames = [...fired];
  }
  failDeployment(world, service, d, now, {
    reason: rolloutReason.alarmFailed(fired),
    event: eventText.alarmFailed(service.name, d.id),
    rollingBack: rolloutReason.alarmRollingBack,
    rollback: alarmsConfig(service.deploymentConfiguration).rollback,
  });
}

/** StopServiceDeployment(ROLLBACK): go back to the last completed revision. */
export function rollbackOnRequest(
  world: World,
  service: Service,
  record: ServiceDeploymentRecord,
  now: number,
): boolean {
  const target = service.lastCompleted;
  const revision = target ? world.revisions.get(target.revisionArn) : undefined;
  if (!target || !revision) return false;
  const green = service.deployments.find(
    (d) => d.serviceDeploymentArn === record.arn && d.rolloutState === 'IN_PROGRESS' && d.rollout,
  );
  const blue = green ? blueDeployment(world, service, green) : undefined;
  if (green && blue) {
    green.rolloutState = 'FAILED';
    green.rolloutStateReason = 'Service deployment stopped by StopServiceDeployment.';
    green.updatedAt = now;
    rollbackToBlue(world, service, green, blue, record, now, {
      reason: 'StopServiceDeployment',
      blueReason: rolloutReason.stopRollback(blue.id),
    });
    return true;
  }
  for (const d of service.deployments) {
    if (d.serviceDeploymentArn === record.arn && d.rolloutState === 'IN_PROGRESS') {
      d.rolloutState = 'FAILED';
      d.rolloutStateReason = 'Service deployment stopped by StopServiceDeployment.';
      d.updatedAt = now;
    }
  }
  world.addEvent(service, now, eventText.rollingBack(service.name, target.deploymentId));
  startDeployment(world, service, revision, now, {
    reason: rolloutReason.stopRollback(target.deploymentId),
    record,
  });
  record.status = 'ROLLBACK_IN_PROGRESS';
  record.updatedAt = now;
  record.rollback = {
    reason: 'StopServiceDeployment',
    startedAt: now,
    serviceRevisionArn: revision.arn,
  };
  return true;
}
