// The follower's answers. Terminal verdicts carry everything a human needs to act without
// opening the console: which deployment, what replaced it, and why tasks stopped.

/** Stopped tasks of our deployment that share one (normalised) reason. */
export interface StoppedReasonGroup {
  /** The reason as first seen, with container exit details for exited containers. */
  reason: string;
  stopCode?: string;
  count: number;
  /** Distinct non-zero container exit codes, ascending. */
  exitCodes: number[];
  /**
   * The last lines of the essential containers of one task of the group (CloudWatch Logs), read
   * after a failing verdict; absent when none were read.
   */
  logLines?: ContainerLogTail[];
}

/** The last lines one container of a stopped task wrote, as the awslogs driver kept them. */
export interface ContainerLogTail {
  /** The task's id (the last part of its ARN). */
  taskId: string;
  container: string;
  logGroup: string;
  logStream: string;
  /** Oldest first; empty when the stream holds nothing. */
  lines: string[];
  /** The CloudWatch console page of the stream. */
  url?: string;
}

/** A deployment alarm as last read (CloudWatch DescribeAlarms). */
export interface AlarmState {
  name: string;
  /** OK | ALARM | INSUFFICIENT_DATA; MISSING when no alarm has the name; absent when never read. */
  state?: string;
  /** CloudWatch's StateReason. */
  reason?: string;
  /** When it went to `state` (ISO 8601, UTC). */
  since?: string;
}

/** Why the deployment is not (yet) healthy, accumulated over the whole wait. */
export interface Reasons {
  stoppedTasks: StoppedReasonGroup[];
  /** The last service events (oldest first), message text only. */
  events: string[];
  /** Target health failures, e.g. `Target.ResponseCodeMismatch: … [503] (target group web, 2 targets)`. */
  targetHealth: string[];
  /** Problems ECS reported in service events (placement, unhealthy targets…), each once with a count. */
  problems: string[];
  /** Probe failures, oldest first, each distinct text once. */
  probe: string[];
  /** Our deployment's last rolloutStateReason. */
  rolloutStateReason?: string;
  /** What the follower was still waiting for at the end (non-empty for in-progress and timed-out). */
  waitingFor: string[];
  /** The deployment alarms ECS watched, with their last read state; absent when there were none. */
  alarms?: AlarmState[];
}

/** A deployment by id and task definition. */
export interface DeploymentRef {
  id: string;
  taskDefinition?: string;
}

/**
 * How ECS's rollback deployment ended: `healthy`; `failed` (it failed or was rolled back itself,
 * completed with no tasks, or no rollback deployment was found); `timed-out` (no verdict: the
 * rollback timeout passed, the wait was cancelled, or the polls kept failing).
 */
export type RollbackResult = 'healthy' | 'failed' | 'timed-out';

/** The revision a rollback put the service on, as its task definition and trace tags say. */
export interface RollbackRevision {
  taskDefinitionArn: string;
  /** Container name → image, in task-definition order. */
  images: Record<string, string>;
  /** The `ecs-deploy:commit` tag. */
  commit?: string;
  /** The `ecs-deploy:run` tag: the workflow run that deployed it. */
  run?: string;
}

/** Where the degraded time starts. */
export type DegradedFrom = 'first-stopped-task' | 'wait-start';

/** What following ECS's rollback found; attached to the rolled-back result. */
export interface RollbackConfirmation {
  result: RollbackResult;
  /** The rollback deployment followed; absent when none was found. */
  deployment?: DeploymentRef;
  /** Its revision, when its task definition could be read. */
  revision?: RollbackRevision;
  /** The rollback's task definition, even when it could not be read. */
  taskDefinitionArn?: string;
  /** From `degradedFrom` until the rollback was seen healthy (or the wait for it ended). */
  degradedMs: number;
  degradedFrom: DegradedFrom;
  /** How the rollback's own wait ended, in its words (its result message). */
  detail: string;
}

/** Why a deployment failed. */
export type FailureCause =
  | 'circuit-breaker'
  | 'alarm'
  | 'replaced'
  | 'superseded'
  | 'disappeared'
  | 'not-found'
  | 'service-inactive'
  | 'service-missing'
  | 'unsupported-controller'
  | 'probe'
  | 'tasks-failing';

/** The follower's answer after one observation. */
export type Verdict =
  | { kind: 'in-progress' }
  | { kind: 'healthy'; deployment: DeploymentRef; message: string }
  /**
   * ECS completed the deployment at desired count 0: no task ever ran its task definition, so
   * nothing about its health is known. Not `healthy`, and not a failure either.
   */
  | { kind: 'scaled-to-zero'; deployment: DeploymentRef; message: string }
  | {
      kind: 'failed';
      cause: FailureCause;
      deployment?: DeploymentRef;
      /** The deployment that replaced ours, for `replaced`. */
      replacedBy?: DeploymentRef;
      message: string;
      reasons: Reasons;
    }
  | {
      kind: 'rolled-back';
      deployment: DeploymentRef;
      /**
       * The rollback deployment ECS started, when visible: a new id in a rolling update, the
       * blue deployment again in a blue/green one; `updatedAt` (ECS time, ms) is when ECS last
       * changed it, so its rollback began no earlier.
       */
      rollback?: DeploymentRef & { rolloutState?: string; updatedAt?: number };
      /** The earlier deployment whose task definition ECS went back to. */
      rolledBackTo?: string;
      message: string;
      reasons: Reasons;
    }
  | { kind: 'timed-out'; deployment?: DeploymentRef; message: string; reasons: Reasons };

/** Verdict kinds. */
export type VerdictKind = Verdict['kind'];

/** A verdict that ends the wait. */
export type TerminalVerdict = Exclude<Verdict, { kind: 'in-progress' }>;

/** True when the verdict ends the wait. */
export function isTerminal(verdict: Verdict): verdict is TerminalVerdict {
  return verdict.kind !== 'in-progress';
}

/** One row of the timeline shown in the job summary. */
export interface TimelineEntry {
  at: number;
  text: string;
}

/** Reasons with nothing in them. */
export function emptyReasons(): Reasons {
  return {
    stoppedTasks: [],
    events: [],
    targetHealth: [],
    problems: [],
    probe: [],
    waitingFor: [],
  };
}
