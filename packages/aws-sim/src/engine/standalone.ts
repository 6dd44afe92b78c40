import { hex } from '../ids.js';
import type { Cluster, StandaloneRun, Task, TaskDefinitionRecord } from '../state/model.js';
import type { World } from '../state/world.js';
import { recordContainerOutcome } from './failures.js';
import { logStreamsOf } from './task-logs.js';
import { taskScript } from './task-script.js';
import { enterRunning, stepCommon, stopNow } from './tasks.js';
import type { TaskFailure } from './timeline.js';
import { planTimeline } from './timeline.js';

/** Exit code of a container process ended by the SIGTERM of a StopTask (128 + 15). */
const SIGTERM_EXIT = 143;

/** What RunTask decided, ready to start one task. */
export interface StandaloneLaunch {
  cluster: Cluster;
  td: TaskDefinitionRecord;
  run: StandaloneRun;
  launchType: string;
  platformVersion: string;
}

/** Creates a PROVISIONING task that no service owns, planned from `now`. */
export function launchStandalone(world: World, launch: StandaloneLaunch, now: number): Task {
  const id = hex(16);
  const { cluster, td, run } = launch;
  // A standalone task has no load balancer and no grace period; ECS does not stop it for failing
  // container health checks, so only start failures and exits end it early.
  const timeline = planTimeline(
    now,
    taskScript(run.containers, world.scenarios, 'run-task'),
    { gracePeriodSeconds: 0 },
    world.timings,
  );
  if (timeline.failure?.kind === 'unhealthy-container') delete timeline.failure;
  const task: Task = {
    id,
    arn: world.ecsArn(`task/${cluster.name}/${id}`),
    clusterName: cluster.name,
    serviceName: '',
    deploymentId: '',
    standalone: run,
    logStreams: logStreamsOf(run.containers, id),
    revisionArn: '',
    taskDefinitionArn: td.arn,
    createdAt: now,
    timeline,
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    healthy: false,
    containers: run.containers.map((c) => ({
      name: c.containerName,
      arn: world.ecsArn(`container/${cluster.name}/${id}/${hex(16)}`),
      image: c.image,
      ...(c.imageDigest !== undefined ? { imageDigest: c.imageDigest } : {}),
      lastStatus: 'PENDING',
      healthStatus: 'UNKNOWN',
    })),
    ip: world.nextIp(),
    availabilityZone: world.zone(world.tasks.size),
    launchType: launch.launchType,
    platformVersion: launch.platformVersion === 'LATEST' ? '1.4.0' : launch.platformVersion,
    targets: [],
  };
  if (typeof td.body.cpu === 'string') task.cpu = td.body.cpu;
  if (typeof td.body.memory === 'string') task.memory = td.body.memory;
  world.tasks.set(id, task);
  return task;
}

/** Applies every due transition of a standalone task; true when any happened. */
export function advanceStandalone(world: World, task: Task, t: number): boolean {
  let changed = false;
  // At most four transitions (PENDING, RUNNING, stop, STOPPED); the bound guards a planning bug.
  for (let guard = 0; guard < 8 && step(world, task, t); guard++) changed = true;
  return changed;
}

function step(world: World, task: Task, t: number): boolean {
  const tl = task.timeline;
  if (task.lastStatus === 'STOPPED') return false;
  const common = stepCommon(task, t, () => {
    for (const c of task.containers)
      if (c.lastStatus === 'RUNNING' && c.exitCode === undefined) c.exitCode = SIGTERM_EXIT;
  });
  if (common !== undefined) return common;
  if (task.lastStatus === 'PENDING' && tl.runningAt !== undefined) {
    if (tl.runningAt > t) return false;
    enterRunning(world, task, task.standalone?.containers ?? [], t);
    return true;
  }
  const failure = tl.failure;
  if (!failure || failure.at > t) return false;
  fail(world, task, failure, t);
  return true;
}

function fail(world: World, task: Task, f: TaskFailure, t: number): void {
  recordContainerOutcome(task, f);
  stopNow(world, task, t, f.stopCode, f.stoppedReason ?? 'Essential container in task exited');
}
