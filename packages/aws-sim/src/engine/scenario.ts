import { SimConfigError } from '../errors.js';

/** How an image behaves when ECS runs it. */
export type Behaviour =
  | { kind: 'healthy' }
  /** Becomes healthy only `seconds` after it starts running. */
  | { kind: 'slow'; seconds: number }
  /** The essential container exits with `exitCode` before the task reaches RUNNING. */
  | { kind: 'exit-on-start'; exitCode: number }
  /** Runs but fails ELB target health checks with 503 (container health checks without an LB). */
  | { kind: 'unhealthy' }
  /** Killed for memory `seconds` after it starts running (exit 137). */
  | { kind: 'oom'; seconds: number }
  /** The task cannot start: a secret lacks the JSON key `key` (defaults to the first secret). */
  | { kind: 'secrets-error'; key?: string }
  /** Healthy, then exits with `exitCode` `seconds` after it became healthy. */
  | { kind: 'crash-after'; seconds: number; exitCode: number }
  /** Runs for `seconds`, then exits with `exitCode` (a one-off task such as a migration). */
  | { kind: 'exit-after'; seconds: number; exitCode: number };

/** The scenario names accepted in seeds, labels and the control API. */
export const SCENARIO_NAMES = [
  'healthy',
  'slow',
  'exit-on-start',
  'unhealthy',
  'oom',
  'secrets-error',
  'crash-after',
  'exit-after',
] as const;

function int(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new SimConfigError(`${what} must be a non-negative integer, got '${text}'`);
  return n;
}

/**
 * Parses a scenario string: `healthy`, `slow:90`, `exit-on-start:1`, `unhealthy` (alias
 * `elb-503`), `oom[:seconds]`, `secrets-error[:KEY]`, `crash-after:60[:exitCode]`, `exit-after:3[:exitCode]` (exit code
 * defaults to 0).
 */
export function parseScenario(text: string): Behaviour {
  const [name = '', a, b] = text.trim().split(':');
  switch (name) {
    case 'healthy':
      return { kind: 'healthy' };
    case 'slow':
      return { kind: 'slow', seconds: int(a, 120, 'slow seconds') };
    case 'exit-on-start':
      return { kind: 'exit-on-start', exitCode: int(a, 1, 'exit code') };
    case 'unhealthy':
    case 'elb-503':
      return { kind: 'unhealthy' };
    case 'oom':
      return { kind: 'oom', seconds: int(a, 5, 'oom seconds') };
    case 'secrets-error':
      return a ? { kind: 'secrets-error', key: a } : { kind: 'secrets-error' };
    case 'crash-after':
      return {
        kind: 'crash-after',
        seconds: int(a, 60, 'crash-after seconds'),
        exitCode: int(b, 1, 'exit code'),
      };
    case 'exit-after':
      return {
        kind: 'exit-after',
        seconds: int(a, 3, 'exit-after seconds'),
        exitCode: int(b, 0, 'exit code'),
      };
    default:
      throw new SimConfigError(
        `unknown scenario '${text}'; expected one of ${SCENARIO_NAMES.join(', ')} (e.g. exit-on-start:1)`,
      );
  }
}

/** Formats a behaviour back to its scenario string (for logs and the control API). */
export function formatScenario(b: Behaviour): string {
  switch (b.kind) {
    case 'healthy':
    case 'unhealthy':
      return b.kind;
    case 'slow':
    case 'oom':
      return `${b.kind}:${b.seconds}`;
    case 'exit-on-start':
      return `exit-on-start:${b.exitCode}`;
    case 'secrets-error':
      return b.key ? `secrets-error:${b.key}` : 'secrets-error';
    case 'crash-after':
    case 'exit-after':
      return `${b.kind}:${b.seconds}:${b.exitCode}`;
  }
}
