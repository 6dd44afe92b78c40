import { RegistryHttpError } from './errors.js';

/** How often and how patiently to retry a failed registry request. */
export interface RetryPolicy {
  /** Attempts in total, the first included; 1 means no retry. */
  readonly maxAttempts: number;
  /** Delay before the second attempt, in ms; doubles each time. */
  readonly baseDelayMs: number;
  /** Upper bound of one delay, in ms. */
  readonly maxDelayMs: number;
}

/** Five attempts, 200 ms doubling up to 5 s: rides out a registry restart, not an outage. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5000 };

/** Sleeps; injected so tests run without real delays. */
export type Sleep = (ms: number) => Promise<void>;

/** The real sleep. */
export const realSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1), with "equal jitter": half fixed,
 * half random, so parallel uploads that failed together do not retry in lockstep.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Statuses worth another attempt: server errors and rate limiting, not client errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status !== 501 && status < 600);
}

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** Network failures worth another attempt (reset, refused, timed out, socket hang up). */
export function isRetryableError(err: unknown): boolean {
  // Duck-typed, not `instanceof Error`: errors from another realm (node core under a test VM,
  // a bundled copy of this module) must be recognised too.
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
  return message === 'socket hang up' || message === 'aborted';
}

/** Whether a failed attempt is worth repeating: network failures and retryable statuses. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof RegistryHttpError) return isRetryableStatus(err.status);
  return isRetryableError(err);
}

/**
 * Runs `op` until it succeeds, fails with something not retryable, or attempts run out; the
 * last error is rethrown. `onRetry` hears about each retry (for logs).
 */
export async function withRetry<T>(
  op: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  sleep: Sleep,
  onRetry?: (attempt: number, err: unknown, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (err) {
      if (!isRetryable(err) || attempt >= policy.maxAttempts) throw err;
      const delay = retryDelay(policy, attempt);
      onRetry?.(attempt, err, delay);
      await sleep(delay);
    }
  }
}
