// Follower and driver settings. All durations are milliseconds.

/** What to follow and when to call it done (used by the pure `step`). */
export interface FollowerConfig {
  /** Our deployment id (`ecs-svc/…`) from the UpdateService/CreateService response. */
  deploymentId?: string;
  /** The task definition we deployed; locates our deployment when the id is unknown. */
  taskDefinitionArn?: string;
  /** Name shown in progress lines, e.g. `dev/api`; defaults to the service name. */
  label?: string;
  /** Give up after this long, measured from the follower's start. */
  timeout: number;
  /** Healthy only after every condition has held continuously this long. */
  stableFor?: number;
  /** Require target health (when observed) to be all healthy. Default true. */
  checkTargetHealth?: boolean;
  /** Set when an HTTP probe is configured: the probe must pass once ECS says healthy. */
  probe?: ProbeConfig;
  /** How long a FAILED deployment may wait for ECS's rollback deployment to appear. */
  rollbackGrace?: number;
  /** How long to look for a deployment of `taskDefinitionArn` when no id was given. */
  locateGrace?: number;
  /** Without a circuit breaker: fail once ECS counts this many consecutive failed tasks and none runs; 0 disables. */
  failedTasksLimit?: number;
  /** Only events created at or after this ECS time (ms) are ours; default our deployment's createdAt. */
  eventsSince?: number;
  /** How many recent service events a terminal verdict carries. */
  lastEvents?: number;
}

/** The probe's own retry budget. */
export interface ProbeConfig {
  /** How long the probe may keep failing after ECS reports healthy. */
  grace?: number;
  /** ...and at least this many failed probes, so one slow poll cannot fail the deploy. */
  minFailures?: number;
}

/** Polling settings for `follow`, on top of the follower's. */
export interface DriverConfig extends FollowerConfig {
  /** Fastest poll interval, used while observations change. */
  minInterval?: number;
  /** Slowest poll interval, reached while nothing changes. */
  maxInterval?: number;
  /** Interval growth per unchanged poll. */
  backoffFactor?: number;
  /** DescribeServices calls allowed in any 60 s window. */
  callsPerMinute?: number;
  /** Calls that may be made back to back before pacing applies (part of callsPerMinute). */
  burst?: number;
  /** A progress line at least this often, even when nothing changes. */
  heartbeat?: number;
  /**
   * How long retryable source errors may go on before the wait ends in an error. Default: no
   * budget of its own — throttling and 5xx slow the polling, and only `timeout` ends the wait.
   */
  errorBudget?: number;
  /** How to look at the deployment by hand (e.g. the `aws ecs …` commands), said when polls kept failing. */
  checkHint?: string;
  /** Re-read stopped tasks at least this often even when the service looks unchanged. */
  stoppedTasksEvery?: number;
  /**
   * Read target health this often while our deployment runs tasks and ECS is not done, when
   * nothing else asked for it (once ECS is done it is read on every poll).
   */
  targetHealthEvery?: number;
  /**
   * Re-read the deployment alarms' state at least this often while they are watched, even when
   * the service looks unchanged (they are also read when the rollout state changes or an event
   * tells of an alarm).
   */
  alarmsEvery?: number;
}

/** Follower defaults. */
export const followerDefaults = {
  stableFor: 0,
  checkTargetHealth: true,
  rollbackGrace: 20_000,
  locateGrace: 20_000,
  failedTasksLimit: 10,
  lastEvents: 10,
  probeGrace: 60_000,
  probeMinFailures: 3,
} as const;

/** Driver defaults; see README for how the call budget follows from ECS's token bucket. */
export const driverDefaults = {
  minInterval: 1_000,
  maxInterval: 5_000,
  backoffFactor: 1.5,
  callsPerMinute: 40,
  burst: 5,
  heartbeat: 30_000,
  errorBudget: Number.POSITIVE_INFINITY,
  stoppedTasksEvery: 30_000,
  targetHealthEvery: 60_000,
  alarmsEvery: 15_000,
} as const;

/** Driver settings with every default filled in. */
export type ResolvedDriverConfig = DriverConfig & { [K in keyof typeof driverDefaults]: number };

/** Fills driver defaults and rejects settings that cannot work. */
export function resolveDriverConfig(config: DriverConfig): ResolvedDriverConfig {
  const resolved: ResolvedDriverConfig = {
    ...config,
    minInterval: config.minInterval ?? driverDefaults.minInterval,
    maxInterval: config.maxInterval ?? driverDefaults.maxInterval,
    backoffFactor: config.backoffFactor ?? driverDefaults.backoffFactor,
    callsPerMinute: config.callsPerMinute ?? driverDefaults.callsPerMinute,
    burst: config.burst ?? driverDefaults.burst,
    heartbeat: config.heartbeat ?? driverDefaults.heartbeat,
    errorBudget: config.errorBudget ?? driverDefaults.errorBudget,
    stoppedTasksEvery: config.stoppedTasksEvery ?? driverDefaults.stoppedTasksEvery,
    targetHealthEvery: config.targetHealthEvery ?? driverDefaults.targetHealthEvery,
    alarmsEvery: config.alarmsEvery ?? driverDefaults.alarmsEvery,
  };
  if (resolved.minInterval <= 0 || resolved.maxInterval < resolved.minInterval) {
    throw new RangeError(
      `poll intervals must satisfy 0 < minInterval <= maxInterval, got ${resolved.minInterval} and ${resolved.maxInterval} ms`,
    );
  }
  if (resolved.burst < 1 || resolved.callsPerMinute <= resolved.burst) {
    throw new RangeError(
      `call budget must satisfy 1 <= burst < callsPerMinute, got burst ${resolved.burst}, callsPerMinute ${resolved.callsPerMinute}`,
    );
  }
  if (!(config.timeout > 0)) {
    throw new RangeError(
      `timeout must be a positive number of milliseconds, got ${config.timeout}`,
    );
  }
  return resolved;
}
