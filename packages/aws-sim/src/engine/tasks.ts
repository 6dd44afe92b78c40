import { hex } from '../ids.js';
import type { Deployment, Service, Task } from '../state/model.js';
import type { World } from '../state/world.js';
import type { ContainerImageResolution } from '../state/model.js';
import { logStreamsOf, silenceLogs, writeTaskLogs } from './task-logs.js';
import { healthSetup, taskScript } from './task-script.js';
import { planTimeline } from './timeline.js';

const S = 1000;

/** Creates a PROVISIONING task of a deployment whose life is planned from `launchAt`. */
export function launchTask(
  world: World,
  service: Service,
  deployment: Deployment,
  now: number,
  launchAt: number,
): Task {
  const revision = world.revisions.get(deployment.revisionArn);
  if (!revision) throw new Error(`revision ${deployment.revisionArn} vanished`);
  const id = hex(16);
  const arn = world.ecsArn(`task/${service.clusterName}/${id}`);
  const td = world.taskDefinitions.get(familyOf(revision.taskDefinitionArn));
  const body = td?.find((r) => r.arn === revision.taskDefinitionArn)?.body;
  const ordinal = world.tasks.size;
  const task: Task = {
    id,
    arn,
    clusterName: service.clusterName,
    serviceName: service.name,
    deploymentId: deployment.id,
    logStreams: logStreamsOf(revision.containers, id),
    revisionArn: revision.arn,
    taskDefinitionArn: revision.taskDefinitionArn,
    createdAt: now,
    timeline: planTimeline(
      launchAt,
      taskScript(revision.containers, world.scenarios),
      healthSetup(service, revision, world.targetGroups),
      world.timings,
    ),
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    healthy: false,
    containers: revision.containers.map((c) => ({
      name: c.containerName,
      arn: world.ecsArn(`container/${service.clusterName}/${id}/${hex(16)}`),
      image: c.image,
      ...(c.imageDigest !== undefined ? { imageDigest: c.imageDigest } : {}),
      lastStatus: 'PENDING',
      healthStatus: 'UNKNOWN',
    })),
    ip: world.nextIp(),
    availabilityZone: world.zone(ordinal),
    launchType: revision.launchType,
    platformVersion: revision.platformVersion === 'LATEST' ? '1.4.0' : revision.platformVersion,
    targets: [],
  };
  if (typeof body?.cpu === 'string') task.cpu = body.cpu;
  if (typeof body?.memory === 'string') task.memory = body.memory;
  world.tasks.set(id, task);
  return task;
}

/** `family` of a task definition ARN (`…:task-definition/family:rev`). */
export function familyOf(taskDefinitionArn: string): string {
  const tail = taskDefinitionArn.slice(taskDefinitionArn.lastIndexOf('/') + 1);
  return tail.slice(0, tail.lastIndexOf(':'));
}

/**
 * Asks a task to stop. A task registered in target groups drains for the groups' deregistration
 * delay first; otherwise it stops after the short stop time. Returns the target groups it was
 * deregistered from.
 */
export function requestStop(
  world: World,
  task: Task,
  now: number,
  stopCode: string,
  reason: string,
): string[] {
  task.desiredStatus = 'STOPPED';
  task.stopCode = stopCode;
  task.stoppedReason = reason;
  task.stoppingAt = now;
  silenceLogs(world, task, now);
  const drained = deregister(world, task, now);
  const delay = Math.max(
    world.timings.stopSeconds,
    ...drained.map((arn) => world.targetGroups.get(arn)?.deregistrationDelaySeconds ?? 0),
  );
  task.stopAt =
    task.lastStatus === 'RUNNING' ? now + delay * S : now + world.timings.stopSeconds * S;
  return drained;
}

/** Marks a task STOPPED right now (a start failure or a container exit). */
export function stopNow(
  world: World,
  task: Task,
  now: number,
  stopCode: string,
  reason: string,
): void {
  deregister(world, task, now);
  silenceLogs(world, task, now);
  task.desiredStatus = 'STOPPED';
  task.stopCode = stopCode;
  task.stoppedReason = reason;
  task.stoppingAt = now;
  finishStop(task, now);
}

/** Completes a stop: the task and its containers are STOPPED. */
export function finishStop(task: Task, now: number): void {
  task.lastStatus = 'STOPPED';
  task.stoppedAt = now;
  task.stopAt = now;
  task.healthy = false;
  if (task.pullStartedAt !== undefined && task.pullStoppedAt === undefined)
    task.pullStoppedAt = now;
  for (const c of task.containers) c.lastStatus = 'STOPPED';
}

function deregister(world: World, task: Task, now: number): string[] {
  const out: string[] = [];
  for (const target of world.targets) {
    if (target.taskArn === task.arn && target.deregisteredAt === undefined) {
      target.deregisteredAt = now;
      out.push(target.targetGroupArn);
    }
  }
  return out;
}

/**
 * The transitions every task makes alike: a requested stop completing (after `beforeStop`), and
 * PROVISIONING → PENDING. True when one happened, false when the next is not due yet, undefined
 * when the task is past them (its own rules apply).
 */
export function stepCommon(task: Task, t: number, beforeStop?: () => void): boolean | undefined {
  if (task.desiredStatus === 'STOPPED') {
    if (task.stopAt === undefined || task.stopAt > t) return false;
    beforeStop?.();
    finishStop(task, t);
    return true;
  }
  if (task.lastStatus === 'PROVISIONING') {
    if (task.timeline.pendingAt > t) return false;
    task.lastStatus = 'PENDING';
    task.pullStartedAt = t;
    return true;
  }
  return undefined;
}

/** PENDING → RUNNING: the containers run and start writing their log lines. */
export function enterRunning(
  world: World,
  task: Task,
  containers: readonly ContainerImageResolution[],
  t: number,
): void {
  task.lastStatus = 'RUNNING';
  task.startedAt = t;
  task.pullStoppedAt = t;
  for (const c of task.containers) c.lastStatus = 'RUNNING';
  writeTaskLogs(world, task, containers, t);
}
