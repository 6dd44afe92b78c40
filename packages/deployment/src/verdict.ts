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
}

/** A deployment by id and task definition. */
export interface DeploymentRef {
  id: string;
  taskDefinition?: string;
}

/** Why a deployment failed. */
export type FailureCause =
  | 'circuit-breaker'
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
      /** The rollback deployment ECS started (new id), when visible. */
      rollback?: DeploymentRef & { rolloutState?: string };
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
