import { describe, expect, it } from '@jest/globals';
import {
  isRetryable,
  isRetryableError,
  isRetryableStatus,
  RegistryHttpError,
  retryDelay,
  withRetry,
  type RetryPolicy,
} from '../src/index.js';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 };

function errno(code: string): Error {
  return Object.assign(new Error(code), { code });
}

describe('retryDelay', () => {
  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [2, 0, 100],
    [2, 0.5, 150],
    [3, 1, 300],
    [10, 1, 300],
  ])('attempt %d with random %d → %d ms', (attempt, random, expected) => {
    expect(retryDelay(policy, attempt, () => random)).toBe(expected);
  });
});

describe('what is retried', () => {
  it.each([
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [429, true],
    [408, true],
    [501, false],
    [400, false],
    [401, false],
    [404, false],
  ])('status %d → %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
    expect(isRetryable(new RegistryHttpError('GET', 'http://r/v2/', status, []))).toBe(expected);
  });

  it.each([
    [errno('ECONNRESET'), true],
    [errno('EPIPE'), true],
    [errno('ETIMEDOUT'), true],
    [errno('ECONNREFUSED'), true],
    [new Error('socket hang up'), true],
    [errno('ENOENT'), false],
    [new TypeError('bad'), false],
    ['string', false],
  ])('%s → %s', (err, expected) => {
    expect(isRetryableError(err)).toBe(expected);
  });
});

describe('withRetry', () => {
  it('retries retryable failures with the policy delays, then succeeds', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRetry(
      (attempt) => {
        calls++;
        return attempt < 3 ? Promise.reject(errno('ECONNRESET')) : Promise.resolve('ok');
      },
      policy,
      (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
  });

  it('gives up after maxAttempts and rethrows the last error', async () => {
    let calls = 0;
    const failing = (): Promise<never> => {
      calls++;
      return Promise.reject(new RegistryHttpError('PUT', 'http://r/x', 503, []));
    };
    await expect(withRetry(failing, policy, () => Promise.resolve())).rejects.toMatchObject({
      status: 503,
    });
    expect(calls).toBe(4);
  });

  it('does not retry client errors', async () => {
    let calls = 0;
    const failing = (): Promise<never> => {
      calls++;
      return Promise.reject(new RegistryHttpError('PUT', 'http://r/x', 400, []));
    };
    await expect(withRetry(failing, policy, () => Promise.resolve())).rejects.toThrow(/400/);
    expect(calls).toBe(1);
  });
});
