// Observation shapes. Field names and optionality mirror @aws-sdk/client-ecs (Service, Deployment,
// ServiceEvent, Task, Container) and ELBv2 (TargetHealthDescription) so the AWS adapter can pass
// SDK output straight through, without this package depending on the SDK.

/** One entry of `service.deployments[]` (subset of the SDK's `Deployment`). */
export interface DeploymentObservation {
  id?: string;
  /** PRIMARY | ACTIVE | INACTIVE */
  status?: string;
  taskDefinition?: string;
  desiredCount?: number;
  pendingCount?: number;
  runningCount?: number;
  /** ECS's count of consecutively failed tasks of this deployment. */
  failedTasks?: number;
  createdAt?: Date;
  updatedAt?: Date;
  /** IN_PROGRESS | COMPLETED | FAILED; absent for services behind a Classic Load Balancer. */
  rolloutState?: string;
  rolloutStateReason?: string;
}

/** One entry of `service.events[]` (newest first in DescribeServices output). */
export interface ServiceEventObservation {
  id?: string;
  createdAt?: Date;
  message?: string;
}

/** The part of `deploymentConfiguration` that decides whether ECS gives up or rolls back. */
export interface DeploymentConfigurationObservation {
  deploymentCircuitBreaker?: { enable?: boolean; rollback?: boolean };
  alarms?: { alarmNames?: readonly string[]; enable?: boolean; rollback?: boolean };
  minimumHealthyPercent?: number;
  maximumPercent?: number;
  /** ROLLING (the default when absent) | BLUE_GREEN | LINEAR | CANARY. */
  strategy?: string;
  /** How long ECS bakes a native strategy's new revision before it cleans up the old one. */
  bakeTimeInMinutes?: number;
  linearConfiguration?: { stepPercent?: number; stepBakeTimeInMinutes?: number };
  canaryConfiguration?: { canaryPercent?: number; canaryBakeTimeInMinutes?: number };
}

/** A service as DescribeServices returns it (subset of the SDK's `Service`). */
export interface ServiceObservation {
  serviceName?: string;
  serviceArn?: string;
  clusterArn?: string;
  /** ACTIVE | DRAINING | INACTIVE */
  status?: string;
  desiredCount?: number;
  runningCount?: number;
  pendingCount?: number;
  taskDefinition?: string;
  deploymentConfiguration?: DeploymentConfigurationObservation;
  deployments?: readonly DeploymentObservation[];
  events?: readonly ServiceEventObservation[];
  loadBalancers?: readonly { targetGroupArn?: string; containerName?: string }[];
  /** Who runs the service's deployments: ECS (the default when absent), CODE_DEPLOY or EXTERNAL. */
  deploymentController?: { type?: string };
  /** The ARN of the PRIMARY deployment's service deployment (its ECS history record). */
  currentServiceDeployment?: string;
}

/**
 * One service deployment of ECS's history (ListServiceDeployments' `ServiceDeploymentBrief`),
 * with the task definition of its target revision (DescribeServiceRevisions) when resolved.
 */
export interface ServiceDeploymentObservation {
  serviceDeploymentArn?: string;
  /** PENDING | IN_PROGRESS | SUCCESSFUL | STOPPED | STOP_REQUESTED | ROLLBACK_* (botocore ecs ServiceDeploymentStatus). */
  status?: string;
  statusReason?: string;
  createdAt?: Date;
  finishedAt?: Date;
  targetServiceRevisionArn?: string;
  /** The target revision's task definition. */
  taskDefinition?: string;
}

/** A container of a stopped task (subset of the SDK's `Container`). */
export interface ContainerObservation {
  name?: string;
  image?: string;
  lastStatus?: string;
  exitCode?: number;
  reason?: string;
  healthStatus?: string;
}

/** A stopped task (subset of the SDK's `Task`). */
export interface TaskObservation {
  taskArn?: string;
  taskDefinitionArn?: string;
  /** `ecs-svc/…` = the deployment that launched the task. */
  startedBy?: string;
  /** When ECS created the task: never before the deployment that launched it. */
  createdAt?: Date;
  lastStatus?: string;
  stopCode?: string;
  stoppedReason?: string;
  stoppedAt?: Date;
  containers?: readonly ContainerObservation[];
}

/** One target of DescribeTargetHealth (ELBv2's PascalCase `TargetHealthDescription`). */
export interface TargetHealthObservation {
  Target?: { Id?: string; Port?: number; AvailabilityZone?: string };
  HealthCheckPort?: string;
  TargetHealth?: { State?: string; Reason?: string; Description?: string };
}

/** Target health of one target group. */
export interface TargetGroupHealth {
  targetGroupArn: string;
  targets: readonly TargetHealthObservation[];
}

/** One CloudWatch alarm as DescribeAlarms returns it (the SDK's PascalCase `MetricAlarm` subset). */
export interface AlarmObservation {
  AlarmName?: string;
  /** OK | ALARM | INSUFFICIENT_DATA */
  StateValue?: string;
  /** Why it is in its state, e.g. `Threshold Crossed: 1 datapoint [7.0] was greater than …`. */
  StateReason?: string;
  /** When it last changed state. */
  StateUpdatedTimestamp?: Date;
}

/** Result of one HTTP health probe; `ok` is the verdict of the probe's own checks. */
export interface ProbeResult {
  ok: boolean;
  url?: string;
  /** HTTP status, absent when no response arrived. */
  status?: number;
  /** false when the body did not match the expected pattern. */
  bodyMatched?: boolean;
  /** Network-level error (ECONNREFUSED, timeout…). */
  error?: string;
}

/** DescribeServices' `failures[]` entry, e.g. `{ reason: 'MISSING' }` for a deleted service. */
export interface ServiceFailure {
  arn?: string;
  reason?: string;
  detail?: string;
}

/** Everything known at one instant. Absent optional parts were not looked at this time. */
export interface Observation {
  /** Clock time (ms) of the observation, on the follower's clock. */
  at: number;
  /** Absent when DescribeServices reported the service in `failures[]`. */
  service?: ServiceObservation;
  missing?: ServiceFailure;
  /** Recently stopped tasks of our deployment (any order; already-seen ones are skipped). */
  stoppedTasks?: readonly TaskObservation[];
  targetHealth?: readonly TargetGroupHealth[];
  probe?: ProbeResult;
  /** ECS's deployment history of the service, read when our deployment is not listed. */
  history?: readonly ServiceDeploymentObservation[];
  /** The deployment alarms' state (DescribeAlarms), as last read; absent when none are watched. */
  alarms?: readonly AlarmObservation[];
  /**
   * Our service deployment's `lifecycleStage` (DescribeServiceDeployments), when read this time:
   * only for a service with a native strategy other than ROLLING.
   */
  lifecycleStage?: string;
}
