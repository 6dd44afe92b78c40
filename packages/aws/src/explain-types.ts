// The shapes explainFailure works on: a failed call, an action's map of its inputs, and what to
// say instead of AWS's bare message.

/** One failed AWS call, as much as is known about it. */
export interface FailedCall {
  /** `service:Operation`, which is also the IAM action (e.g. `ecs:UpdateService`). */
  readonly operation: string;
  /** The request's parameters as sent (SDK casing, e.g. `cluster`, `repositoryNames`). */
  readonly params: Readonly<Record<string, unknown>>;
  /** The error code AWS answered with, e.g. `ClusterNotFoundException`. */
  readonly code: string;
  /** AWS's message. */
  readonly message: string;
  /** The region of the call. */
  readonly region?: string;
  /** The account of the credentials, when known. */
  readonly account?: string;
}

/** How one action's inputs feed AWS requests. */
export interface InputMap {
  /** Request parameter → the input it came from, e.g. `{ cluster: 'cluster', services: 'service' }`. */
  readonly params: Readonly<Record<string, string>>;
  /**
   * The value the step gave an input; when present, a parameter is blamed on its input only if it
   * carries that value (a task definition ARN read from the service is not the input's family).
   */
  readonly given?: (input: string) => string | undefined;
  /**
   * Operations whose whole request an input supplies, e.g. `{ 'ecs:RegisterTaskDefinition':
   * 'task-definition' }`: a refusal that names no mapped parameter is blamed on that input.
   */
  readonly requests?: Readonly<Record<string, string>>;
  /** Extra advice of this action per error code (e.g. its `create-repository` input). */
  readonly remedies?: Readonly<Record<string, string>>;
}

/** What to tell the user instead of AWS's bare message. */
export interface Explanation {
  readonly message: string;
  readonly hint: string;
  /** The input the failure is blamed on, if any. */
  readonly input?: string;
  /** True when naming the account would help (a "not found" with no account known yet). */
  readonly wantsAccount?: boolean;
}
