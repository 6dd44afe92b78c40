import { shortTaskDefinition } from './format.js';
import type { FollowResult } from './result.js';
import type { RollbackConfirmation, TerminalVerdict } from './verdict.js';

// Plain Error subclasses with a `hint`, the shape action-kit's describeError reads, so this
// package needs no dependency to have its failures reported with advice.

/** The deployment ended failed or rolled back (or the wait was cancelled). */
export class DeploymentFailed extends Error {
  constructor(
    message: string,
    readonly result: FollowResult,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'DeploymentFailed';
  }
}

/** The wait reached its timeout; ECS may still finish (or fail) the deployment afterwards. */
export class Timeout extends Error {
  constructor(
    message: string,
    readonly result: FollowResult,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'Timeout';
  }
}

function hintFor(verdict: TerminalVerdict, rollback?: RollbackConfirmation): string | undefined {
  if (verdict.kind === 'rolled-back') {
    const to = shortTaskDefinition(rollback?.taskDefinitionArn ?? verdict.rollback?.taskDefinition);
    // With the rollback followed, say what became of it rather than assume it.
    if (rollback !== undefined && rollback.result !== 'healthy')
      return `ECS's rollback to ${to} did not end healthy (rollback-result: ${rollback.result}), so the service may still be degraded: look at it now; rollback-digest can put it on an earlier healthy version.`;
    const confirmed = rollback === undefined ? '' : ', and it is healthy again';
    if (verdict.reasons.alarms?.some((a) => a.state === 'ALARM') === true)
      return `ECS's deployment alarms already put the service back on ${to}${confirmed}; no rollback step is needed. Fix what set off the alarm above and deploy again.`;
    return `ECS's circuit breaker already put the service back on ${to}${confirmed}; no rollback step is needed. Fix the cause above and deploy again.`;
  }
  if (verdict.kind !== 'failed') return undefined;
  switch (verdict.cause) {
    case 'alarm':
      return 'A deployment alarm failed the deployment and its rollback is off, so ECS leaves the service on the failing revision: run the rollback action, or set `alarm-rollback: true`. Look at the alarm above first.';
    case 'circuit-breaker':
      return 'The circuit breaker stopped the deployment but rollback is off: run the rollback action, or enable `rollback` on the circuit breaker.';
    case 'superseded':
      return 'Follow the deployment that superseded it (its id is above), and give deploy jobs a `concurrency:` group per service so one deploy does not replace another.';
    case 'replaced':
      return 'Deploys to one service should run one at a time: give the deploy job a `concurrency:` group per service.';
    case 'probe':
      return "ECS and the load balancer accept the new tasks but the probe URL does not: check the probe's URL and expected body, and the application logs.";
    case 'tasks-failing':
      return 'Enable the deployment circuit breaker (with rollback) so ECS stops a failing deployment on its own.';
    case 'not-found':
      return 'Pass the deployment id returned by UpdateService, or check that the task definition ARN is the one deployed.';
    default:
      return undefined;
  }
}

/** The error to throw for a result that is not healthy (undefined when healthy). */
export function outcomeError(result: FollowResult): Error | undefined {
  switch (result.outcome) {
    case 'healthy':
    case 'scaled-to-zero':
      // Not a failure (the service is meant to run no task), but not `healthy` either: the
      // result output says so and the action warns.
      return undefined;
    case 'timed-out':
      return new Timeout(
        result.message,
        result,
        'ECS keeps deploying after this step ends; raise the timeout or act on the reasons above.',
      );
    case 'cancelled':
      return new DeploymentFailed(result.message, result);
    case 'error': {
      // A fatal source error (e.g. the aws package's AwsError) says best what to do; an exhausted
      // retry budget needs our message, which says how long it kept failing.
      const cause = result.error?.cause;
      if (result.error?.retryable === false && cause instanceof Error) return cause;
      const hint = (cause as { hint?: unknown } | undefined)?.hint;
      return new DeploymentFailed(
        result.message,
        result,
        typeof hint === 'string' ? hint : undefined,
      );
    }
    default:
      return new DeploymentFailed(
        result.message,
        result,
        result.verdict === undefined ? undefined : hintFor(result.verdict, result.rollback),
      );
  }
}
