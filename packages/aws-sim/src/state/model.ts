import type { Behaviour } from '../engine/scenario.js';
import type { TaskTimeline } from '../engine/timeline.js';
import type { JsonObject } from '../util/json.js';

/** A key/value tag as ECS spells it. */
export interface Tag {
  key: string;
  value: string;
}

/** An ECS cluster. */
export interface Cluster {
  name: string;
  arn: string;
  status: 'ACTIVE' | 'INACTIVE';
  tags: Tag[];
}

/** A registered task definition revision; `body` is the normalised RegisterTaskDefinition input. */
export interface TaskDefinitionRecord {
  family: string;
  revision: number;
  arn: string;
  status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
  body: JsonObject;
  registeredAt: number;
  deregisteredAt?: number;
  tags: Tag[];
}

/** How one container's image was resolved when its deployment was created. */
export interface ContainerImageResolution {
  containerName: string;
  image: string;
  /** The digest the deployment pins; absent when the image could not be resolved. */
  imageDigest?: string;
  /** CannotPullContainerError text, when the image is not in the registry. */
  pullError?: string;
  /** Scenario read from the image config label `sim.scenario`, if any. */
  labelBehaviour?: Behaviour;
  /** Scenario for a task started by RunTask, from the label `sim.run-task` (else `sim.scenario`). */
  runTaskBehaviour?: Behaviour;
  /** Lines the container writes to its log, from the label `sim.logs` (one per `\n`). */
  logLines?: string[];
  /** Where the awslogs driver sends the container's output, from its logConfiguration. */
  awslogs?: AwsLogsTarget;
  /** Repository name inside our registry, for `repo:tag` scenario rules. */
  repository?: string;
  tag?: string;
  essential: boolean;
  /** Secret names the container references (for the secrets-error scenario). */
  secretKeys: string[];
  healthCheck?: { intervalSeconds: number; retries: number; startPeriodSeconds: number };
  /** First container port, for target registration. */
  containerPort?: number;
}

/** A container's awslogs destination (`awslogs-group`, `awslogs-stream-prefix`). */
export interface AwsLogsTarget {
  group: string;
  streamPrefix?: string;
}

/** A service revision: what one deployment runs, with the digests resolved at deployment time. */
export interface ServiceRevision {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  containers: ContainerImageResolution[];
  createdAt: number;
  launchType: string;
  platformVersion: string;
  loadBalancers: JsonObject[];
  networkConfiguration?: JsonObject;
}

/** Circuit-breaker settings of a service, with defaults applied. */
export interface BreakerConfig {
  enable: boolean;
  rollback: boolean;
  resetOnHealthyTask: boolean;
  thresholdType: 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT' | 'COUNT';
  thresholdValue: number;
}

/** deploymentController.type of a service; only ECS services are rolled by the engine. */
export type DeploymentControllerType = 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL';

/** ServiceDeployment `lifecycleStage`, in the order ECS goes through them (botocore ecs model). */
export type LifecycleStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP';

/** `deploymentConfiguration.strategy` values other than ROLLING. */
export type TrafficStrategy = 'BLUE_GREEN' | 'LINEAR' | 'CANARY';

/**
 * The progress of a deployment under a BLUE_GREEN, LINEAR or CANARY strategy
 * (engine/strategies.ts): its lifecycle stage and the green revision's production traffic share.
 */
export interface StrategyRollout {
  strategy: TrafficStrategy;
  stage: LifecycleStage;
  /** Percent of production traffic the green (this deployment's) tasks receive. */
  weight: number;
  /** When the current wait (a step's bake time or the final bake time) ends. */
  waitUntil?: number;
}

/** One entry of a service's `deployments[]`. */
export interface Deployment {
  id: string;
  status: 'PRIMARY' | 'ACTIVE';
  revisionArn: string;
  taskDefinitionArn: string;
  createdAt: number;
  updatedAt: number;
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason: string;
  failedTasks: number;
  /** The service-deployment record this deployment belongs to. */
  serviceDeploymentArn: string;
  /** No launches before this time (ECS's start-failure throttle). */
  launchBackoffUntil: number;
  /** Consecutive tasks that never reached RUNNING, for the throttle. */
  consecutiveStartFailures: number;
  stuckReported: boolean;
  throttleReported: boolean;
  /** The service's per-deployment settings when it started (serviceConnectConfiguration, …). */
  settings: JsonObject;
  /**
   * With deployment alarms: when the bake time after reaching the desired healthy count ends
   * (set when that count is first reached; the deployment completes no earlier).
   */
  bakeUntil?: number;
  /** Present for a deployment started under a BLUE_GREEN, LINEAR or CANARY strategy. */
  rollout?: StrategyRollout;
}

/** ListServiceDeployments / DescribeServiceDeployments status. */
export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

/** A service deployment: the history record ECS keeps for each deployment it started. */
export interface ServiceDeploymentRecord {
  arn: string;
  createdAt: number;
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
  stoppedAt?: number;
  status: ServiceDeploymentStatus;
  statusReason?: string;
  targetRevisionArn: string;
  sourceRevisionArns: string[];
  deploymentConfiguration: JsonObject;
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string };
  breaker: {
    status: 'DISABLED' | 'MONITORING' | 'MONITORING_COMPLETE' | 'TRIGGERED';
    failureCount: number;
    threshold: number;
  };
  /** Deployment alarms (ServiceDeploymentAlarms): the names watched and those that fired. */
  alarms: {
    status: 'DISABLED' | 'MONITORING' | 'MONITORING_COMPLETE' | 'TRIGGERED';
    alarmNames: string[];
    triggeredAlarmNames: string[];
  };
  /** ServiceDeployment `lifecycleStage`, for deployments under a traffic-shifting strategy. */
  lifecycleStage?: LifecycleStage;
}

/** A service event (`events[]`, newest first). */
export interface ServiceEvent {
  id: string;
  createdAt: number;
  message: string;
}

/** An ECS service with its rolling state. */
export interface Service {
  name: string;
  arn: string;
  clusterName: string;
  clusterArn: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  taskDefinitionArn: string;
  launchType: string;
  platformVersion: string;
  /** deploymentConfiguration as returned by DescribeServices (defaults filled). */
  deploymentConfiguration: JsonObject;
  deploymentController: DeploymentControllerType;
  /** Members stored as given and returned by DescribeServices (ecs/service-settings.ts). */
  settings: JsonObject;
  /** Members every new deployment carries (serviceConnectConfiguration, volumeConfigurations …). */
  deploymentSettings: JsonObject;
  /** CreateService `role`, as an ARN. */
  roleArn?: string;
  loadBalancers: JsonObject[];
  networkConfiguration?: JsonObject;
  healthCheckGracePeriodSeconds: number;
  createdAt: number;
  tags: Tag[];
  events: ServiceEvent[];
  deployments: Deployment[];
  serviceDeployments: ServiceDeploymentRecord[];
  /** The last deployment that reached COMPLETED: the rollback target. */
  lastCompleted?: { deploymentId: string; revisionArn: string };
  /** Unhealthy tasks stopped whose replacements have not been started yet (event suffix). */
  unhealthyReplacements: number;
  /** Set when DeleteService was called; the service turns INACTIVE when its tasks are gone. */
  deletedAt?: number;
}

/** A container inside a task. */
export interface ContainerState {
  name: string;
  arn: string;
  image: string;
  imageDigest?: string;
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  exitCode?: number;
  reason?: string;
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
}

/** What RunTask was asked for: a task that no service owns. */
export interface StandaloneRun {
  startedBy?: string;
  group: string;
  /** The RunTask `overrides`, as given. */
  overrides: JsonObject;
  tags: Tag[];
  /** The containers' images, resolved when RunTask was called. */
  containers: ContainerImageResolution[];
  networkConfiguration?: JsonObject;
}

/** The log stream one container of a task writes to. */
export interface TaskLogStream {
  container: string;
  group: string;
  stream: string;
}

/** A task of a service, or a standalone task started by RunTask. */
export interface Task {
  id: string;
  arn: string;
  clusterName: string;
  /** The owning service; '' for a standalone task. */
  serviceName: string;
  /** The owning deployment; '' for a standalone task. */
  deploymentId: string;
  standalone?: StandaloneRun;
  /** The awslogs streams of its containers (written from RUNNING on). */
  logStreams: TaskLogStream[];
  revisionArn: string;
  taskDefinitionArn: string;
  createdAt: number;
  timeline: TaskTimeline;
  lastStatus: 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'STOPPED';
  desiredStatus: 'RUNNING' | 'STOPPED';
  healthy: boolean;
  startedAt?: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  stoppingAt?: number;
  /** When the task will reach STOPPED (after connection draining). */
  stopAt?: number;
  stoppedAt?: number;
  stopCode?: string;
  stoppedReason?: string;
  containers: ContainerState[];
  ip: string;
  availabilityZone: string;
  cpu?: string;
  memory?: string;
  launchType: string;
  platformVersion: string;
  /** Target groups the task is registered in (target group ARN and port). */
  targets: { targetGroupArn: string; port: number }[];
}

/** An ELBv2 target group with its health-check settings. */
export interface TargetGroup {
  arn: string;
  name: string;
  port: number;
  protocol: string;
  vpcId: string;
  healthCheckPath: string;
  healthCheckIntervalSeconds: number;
  healthCheckTimeoutSeconds: number;
  healthyThresholdCount: number;
  unhealthyThresholdCount: number;
  deregistrationDelaySeconds: number;
  loadBalancerArns: string[];
}

/** A registered (or draining) target. */
export interface Target {
  targetGroupArn: string;
  id: string;
  port: number;
  availabilityZone: string;
  taskArn: string;
  registeredAt: number;
  /** When the target group will report it healthy; absent when it never will. */
  healthyAt?: number;
  /** When it turns unhealthy (503), if the image fails health checks. */
  unhealthyAt?: number;
  deregisteredAt?: number;
}
