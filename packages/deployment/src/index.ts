// @ecs-deploy/deployment: follow one ECS deployment to a verdict.
export type {
  AlarmObservation,
  ContainerObservation,
  DeploymentConfigurationObservation,
  DeploymentObservation,
  Observation,
  ProbeResult,
  ServiceDeploymentObservation,
  ServiceEventObservation,
  ServiceFailure,
  ServiceObservation,
  TargetGroupHealth,
  TargetHealthObservation,
  TaskObservation,
} from './types.js';
export type {
  AlarmState,
  ContainerLogTail,
  DegradedFrom,
  DeploymentRef,
  FailureCause,
  Reasons,
  RollbackConfirmation,
  RollbackResult,
  RollbackRevision,
  StoppedReasonGroup,
  TerminalVerdict,
  TimelineEntry,
  Verdict,
  VerdictKind,
} from './verdict.js';
export { isTerminal } from './verdict.js';
export type { DriverConfig, FollowerConfig, ProbeConfig } from './config.js';
export { driverDefaults, followerDefaults } from './config.js';
export type { FollowerState } from './state.js';
export { initialState, wantsProbe } from './state.js';
export type { StepResult } from './step.js';
export { reasonLines, step } from './step.js';
export type {
  Clock,
  DeploymentSource,
  FollowLog,
  ServiceLookup,
  StoppedTasksQuery,
} from './source.js';
export { SourceError, classifySourceError, type SourceFailure } from './source.js';
export { systemClock } from './clock.js';
export { controllerProblem, controllerType, type ControlledService } from './controller.js';
export { follow } from './follow.js';
export type { FollowResult, Outcome } from './result.js';
export { succeeded } from './result.js';
export { renderSummary } from './summary.js';
export { alarmLine, watchedAlarms } from './alarms.js';
export {
  degradedWindow,
  findRollbackDeployment,
  imagesOf,
  outputImage,
  rollbackLine,
  rollbackResultOf,
  rollbackRevision,
  rollbackSummaryLines,
  shortImage,
} from './rollback.js';
export { describeStop, stoppedTaskLine } from './stopped-tasks.js';
export {
  MAX_LOG_TASKS,
  logTailHeading,
  pickLogTasks,
  taskIdOf,
  withLogTails,
  type LogTaskPick,
} from './log-tails.js';
export { expire } from './result.js';
export { DeploymentFailed, Timeout, outcomeError } from './errors.js';
