import type { Behaviour } from './scenario.js';

/** How long things take, in simulated seconds. Seeds may override any of them. */
export interface Timings {
  /** PROVISIONING → PENDING. */
  provisioningSeconds: number;
  /** PENDING (image pull, container start) → RUNNING, or → STOPPED on a start failure. */
  pendingSeconds: number;
  /** Delay between tasks launched in one batch, so failures arrive one by one as on AWS. */
  launchStaggerSeconds: number;
  /** Desired STOPPED → STOPPED for a task that is not draining connections. */
  stopSeconds: number;
  /** Without LB or container health checks, a RUNNING task counts as healthy after this. */
  healthyWithoutChecksSeconds: number;
  /** `initial/Elb.RegistrationInProgress` lasts this long before health checks start. */
  elbRegistrationSeconds: number;
  /** Container health check defaults for `unhealthy` images without an LB or a healthCheck. */
  defaultHealthCheckIntervalSeconds: number;
  defaultHealthCheckRetries: number;
}

/** Defaults: close to Fargate's observed pace, scaled down by the clock's speed factor. */
export const DEFAULT_TIMINGS: Timings = {
  provisioningSeconds: 2,
  pendingSeconds: 5,
  launchStaggerSeconds: 1,
  stopSeconds: 2,
  healthyWithoutChecksSeconds: 40,
  elbRegistrationSeconds: 5,
  defaultHealthCheckIntervalSeconds: 30,
  defaultHealthCheckRetries: 3,
};

/** The health checks that apply to a task. */
export interface HealthSetup {
  lb?: { intervalSeconds: number; healthyThresholdCount: number; unhealthyThresholdCount: number };
  containerCheck?: { intervalSeconds: number; retries: number; startPeriodSeconds: number };
  gracePeriodSeconds: number;
}

/** Why and when a task fails. */
export interface TaskFailure {
  at: number;
  kind: 'failed-to-start' | 'exited' | 'unhealthy-elb' | 'unhealthy-container';
  stopCode: 'TaskFailedToStart' | 'EssentialContainerExited' | 'ServiceSchedulerInitiated';
  /** For failed-to-start and exits; ELB failures get theirs from the engine (it names the TG). */
  stoppedReason?: string;
  container?: string;
  exitCode?: number;
  containerReason?: string;
}

/** Every transition of one task, computed once at launch (epoch ms). */
export interface TaskTimeline {
  pendingAt: number;
  runningAt?: number;
  /** When the task counts as healthy; absent if it fails first. */
  healthyAt?: number;
  /** When the target group reports it healthy (LB only). */
  targetHealthyAt?: number;
  /** When the target group reports it unhealthy (LB only). */
  targetUnhealthyAt?: number;
  failure?: TaskFailure;
}

/** What the task's containers will do, already combined by the caller. */
export type TaskScript =
  | { kind: 'start-failure'; reason: string; container: string }
  | { kind: 'behaviour'; behaviour: Behaviour; container: string };

const S = 1000;

/** Plans a task's life from its launch time, its script and its health checks (pure). */
export function planTimeline(
  launchAt: number,
  script: TaskScript,
  health: HealthSetup,
  t: Timings,
): TaskTimeline {
  const pendingAt = launchAt + t.provisioningSeconds * S;
  const startAt = pendingAt + t.pendingSeconds * S;
  if (script.kind === 'start-failure') {
    return {
      pendingAt,
      failure: {
        at: startAt,
        kind: 'failed-to-start',
        stopCode: 'TaskFailedToStart',
        stoppedReason: script.reason,
        container: script.container,
        containerReason: script.reason,
      },
    };
  }
  const b = script.behaviour;
  if (b.kind === 'exit-on-start') {
    return {
      pendingAt,
      failure: {
        at: startAt,
        kind: 'exited',
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        container: script.container,
        exitCode: b.exitCode,
      },
    };
  }
  const runningAt = startAt;
  const lb = health.lb;
  const targetHealthyAt = lb
    ? runningAt + (t.elbRegistrationSeconds + lb.intervalSeconds * lb.healthyThresholdCount) * S
    : undefined;
  const cc = health.containerCheck;
  const containerHealthyAt = cc
    ? runningAt + (cc.startPeriodSeconds + cc.intervalSeconds) * S
    : undefined;
  let healthyAt =
    targetHealthyAt === undefined && containerHealthyAt === undefined
      ? runningAt + t.healthyWithoutChecksSeconds * S
      : Math.max(targetHealthyAt ?? 0, containerHealthyAt ?? 0);
  let targetHealthy = targetHealthyAt;
  if (b.kind === 'slow') {
    // A slow app answers its health check late too: the target and the task turn healthy together.
    healthyAt = Math.max(healthyAt, runningAt + b.seconds * S);
    if (targetHealthy !== undefined) targetHealthy = Math.max(targetHealthy, healthyAt);
  }
  const grace = runningAt + health.gracePeriodSeconds * S;
  // What a task that exits later had planned until then (withExit drops what comes after).
  const running: TaskTimeline = {
    pendingAt,
    runningAt,
    healthyAt,
    ...(targetHealthyAt !== undefined ? { targetHealthyAt } : {}),
  };
  switch (b.kind) {
    case 'unhealthy': {
      if (lb) {
        const targetUnhealthyAt =
          runningAt +
          (t.elbRegistrationSeconds + lb.intervalSeconds * lb.unhealthyThresholdCount) * S;
        return {
          pendingAt,
          runningAt,
          targetUnhealthyAt,
          failure: {
            at: Math.max(targetUnhealthyAt, grace),
            kind: 'unhealthy-elb',
            stopCode: 'ServiceSchedulerInitiated',
          },
        };
      }
      const check = cc ?? {
        intervalSeconds: t.defaultHealthCheckIntervalSeconds,
        retries: t.defaultHealthCheckRetries,
        startPeriodSeconds: 0,
      };
      const failAt =
        runningAt + (check.startPeriodSeconds + check.intervalSeconds * check.retries) * S;
      return {
        pendingAt,
        runningAt,
        failure: {
          at: Math.max(failAt, grace),
          kind: 'unhealthy-container',
          stopCode: 'ServiceSchedulerInitiated',
          stoppedReason: 'Task failed container health checks',
          container: script.container,
        },
      };
    }
    case 'oom':
      return withExit(
        running,
        runningAt + b.seconds * S,
        script.container,
        137,
        'OutOfMemoryError: Container killed due to memory usage',
      );
    case 'crash-after':
      return withExit(running, healthyAt + b.seconds * S, script.container, b.exitCode);
    case 'exit-after':
      return withExit(running, runningAt + b.seconds * S, script.container, b.exitCode);
    default:
      return {
        pendingAt,
        runningAt,
        healthyAt,
        ...(targetHealthy !== undefined ? { targetHealthyAt: targetHealthy } : {}),
      };
  }
}

function withExit(
  base: TaskTimeline,
  at: number,
  container: string,
  exitCode: number,
  containerReason?: string,
): TaskTimeline {
  const out: TaskTimeline = {
    ...base,
    failure: {
      at,
      kind: 'exited',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      container,
      exitCode,
      ...(containerReason ? { containerReason } : {}),
    },
  };
  // A task that dies before it would have become healthy never counts as healthy.
  if (out.healthyAt !== undefined && out.healthyAt >= at) delete out.healthyAt;
  if (out.targetHealthyAt !== undefined && out.targetHealthyAt >= at) delete out.targetHealthyAt;
  return out;
}
