import type {
  AlarmObservation,
  ProbeResult,
  ServiceDeploymentObservation,
  ServiceFailure,
  ServiceObservation,
  TargetGroupHealth,
  TaskObservation,
} from './types.js';

/** DescribeServices for our one service: the service, or its `failures[]` entry. */
export type ServiceLookup = { service: ServiceObservation } | { missing: ServiceFailure };

/** Which stopped tasks to read. */
export interface StoppedTasksQuery {
  /** Tasks launched by this deployment (`startedBy`). */
  deploymentId: string;
  /** Only tasks stopped at or after this ECS time (ms), when known. */
  since?: number;
}

/**
 * What the driver reads. The AWS adapter implements it over DescribeServices, ListTasks +
 * DescribeTasks, DescribeTargetHealth and an HTTP client. Throw `SourceError` so the driver
 * knows whether to retry; honour `signal` so cancellation is prompt.
 */
export interface DeploymentSource {
  /** DescribeServices for the followed service (one call = one token of ECS's service-read bucket). */
  describeService(signal?: AbortSignal): Promise<ServiceLookup>;
  /** Recently stopped tasks of a deployment; the follower skips ones it has already seen. */
  describeStoppedTasks(
    query: StoppedTasksQuery,
    signal?: AbortSignal,
  ): Promise<readonly TaskObservation[]>;
  /** DescribeTargetHealth for each target group (omit when there is no load balancer). */
  targetHealth?(
    targetGroupArns: readonly string[],
    signal?: AbortSignal,
  ): Promise<readonly TargetGroupHealth[]>;
  /**
   * CloudWatch DescribeAlarms for the service's deployment alarms, all names in one call (omit
   * when alarms are not to be read). Alarms that do not exist are left out of the answer.
   */
  describeAlarms?(
    alarmNames: readonly string[],
    signal?: AbortSignal,
  ): Promise<readonly AlarmObservation[]>;
  /**
   * The `lifecycleStage` of one service deployment (DescribeServiceDeployments), read for a
   * service with a native strategy other than ROLLING. Failures are ignored.
   */
  serviceDeploymentStage?(
    serviceDeploymentArn: string,
    signal?: AbortSignal,
  ): Promise<string | undefined>;
  /** One HTTP health probe. Failures are results (`ok: false`), not exceptions. */
  probe?(signal?: AbortSignal): Promise<ProbeResult>;
  /**
   * ECS's deployment history of the service (ListServiceDeployments, newest first, with each
   * target revision's task definition); read when our deployment is not listed, to tell a
   * superseded deployment from a stale read. Failures are ignored.
   */
  deploymentHistory?(signal?: AbortSignal): Promise<readonly ServiceDeploymentObservation[]>;
}

/** Time, injected so tests run instantly. */
export interface Clock {
  /** Milliseconds since the epoch (or any fixed origin). */
  now(): number;
  /** Resolves after `ms`, or early (resolve or reject) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Where progress goes; the action maps it onto @actions/core. */
export interface FollowLog {
  info(line: string): void;
  warning(line: string): void;
  debug(line: string): void;
}

/** An error from the source, classified by the adapter, which knows the AWS error codes. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    message: string,
    /** Throttling, 5xx, network: worth another try. AccessDenied, expired credentials, not found: not. */
    readonly retryable: boolean,
    /** The AWS error code or errno, e.g. `ThrottlingException`, `AccessDeniedException`, `ECONNRESET`. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A source failure as the driver sees it. */
export interface SourceFailure {
  retryable: boolean;
  code: string;
  message: string;
  /** What was thrown, so the action can rethrow it (e.g. with its hint). */
  cause: unknown;
}

/**
 * Classifies anything the source threw. Any error carrying a boolean `retryable` and a string
 * `code` counts (SourceError, or the aws package's AwsError); anything else is a bug, not
 * weather, so it is fatal rather than retried forever.
 */
export function classifySourceError(err: unknown): SourceFailure {
  if (err instanceof Error) {
    const { retryable, code } = err as Error & { retryable?: unknown; code?: unknown };
    if (typeof retryable === 'boolean' && typeof code === 'string') {
      return { retryable, code, message: err.message, cause: err };
    }
    return { retryable: false, code: err.name, message: err.message, cause: err };
  }
  return { retryable: false, code: 'Unknown', message: String(err), cause: err };
}
