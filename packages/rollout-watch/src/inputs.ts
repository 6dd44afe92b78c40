import {
  InputError,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseInteger,
  type InputReader,
} from '@ecs-deploy/action-kit';
import type { ProbeSettings } from './probe.js';

/** The waiting inputs, shared by wait-healthy, ecs-rolling-deploy and rollback-digest. */
export interface WaitInputs {
  /** Give up after this long. */
  readonly timeoutMs: number;
  /** Healthy only after holding this long. */
  readonly stableForMs: number;
  /** An HTTP probe of the application, when `health-url` is set. */
  readonly probe?: ProbeSettings;
  /** `auto`: when the service has load balancers. */
  readonly checkTargetHealth: 'auto' | 'true' | 'false';
  readonly minIntervalMs: number;
  readonly maxIntervalMs: number;
  /**
   * After a failure, how many of the last log lines of each essential container of a few stopped
   * tasks to show (CloudWatch Logs, awslogs containers only); 0: none.
   */
  readonly logLines: number;
  /**
   * After a `rolled-back` verdict, follow ECS's rollback deployment to its own verdict and read
   * the revision it runs (`wait-for-rollback`).
   */
  readonly waitForRollback: boolean;
  /** How long to follow the rollback deployment (`rollback-timeout`). */
  readonly rollbackTimeoutMs: number;
}

/**
 * The `action.yml` inputs these names stand for (copy them with the same defaults):
 * timeout (15m), stable-for (0s), health-url, health-expect-status, health-body-match,
 * health-timeout (5s), health-grace (1m), check-target-health (auto), poll-min-interval (1s), poll-max-interval (5s),
 * log-lines (20), wait-for-rollback (true), rollback-timeout (10m).
 */
export const WAIT_INPUT_NAMES = [
  'timeout',
  'stable-for',
  'health-url',
  'health-expect-status',
  'health-body-match',
  'health-timeout',
  'health-grace',
  'check-target-health',
  'poll-min-interval',
  'poll-max-interval',
  'log-lines',
  'wait-for-rollback',
  'rollback-timeout',
] as const;

const DURATION = 'a duration such as 90s or 15m';

/** Reads the waiting inputs once; every problem names its input. */
export function readWaitInputs(inputs: InputReader): WaitInputs {
  const timeoutMs = inputs.parsed('timeout', parseDuration, DURATION);
  if (timeoutMs <= 0) throw new InputError('timeout', 'is zero', DURATION);
  const minIntervalMs = inputs.parsed('poll-min-interval', parseDuration, DURATION);
  const maxIntervalMs = inputs.parsed('poll-max-interval', parseDuration, DURATION);
  if (minIntervalMs < 500)
    throw new InputError(
      'poll-min-interval',
      `is ${minIntervalMs} ms`,
      'at least 500ms (ECS counts every call)',
    );
  if (maxIntervalMs < minIntervalMs)
    throw new InputError(
      'poll-max-interval',
      'is shorter than poll-min-interval',
      'a duration at least poll-min-interval',
    );
  const url = inputs.optional('health-url');
  let probe: ProbeSettings | undefined;
  if (url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(
        'health-url',
        `is "${url}"`,
        'an http:// or https:// URL such as https://dev.example.com/api/health',
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new InputError(
        'health-url',
        `has the scheme ${parsed.protocol}`,
        'http:// or https://',
      );
    const statuses = inputs.optional('health-expect-status');
    const expectStatus = statuses
      ?.split(/[\s,]+/)
      .filter((s) => s !== '')
      .map((s) => {
        if (!/^[1-5]\d\d$/.test(s))
          throw new InputError(
            'health-expect-status',
            `has "${s}"`,
            'HTTP status codes such as 200 or 200,204',
          );
        return Number(s);
      });
    const pattern = inputs.optional('health-body-match');
    let bodyPattern: RegExp | undefined;
    if (pattern !== undefined) {
      try {
        bodyPattern = new RegExp(pattern);
      } catch (error) {
        throw new InputError(
          'health-body-match',
          `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    }
    probe = {
      url,
      timeoutMs: inputs.parsed('health-timeout', parseDuration, DURATION),
      graceMs: inputs.parsed('health-grace', parseDuration, DURATION),
      ...(expectStatus === undefined ? {} : { expectStatus }),
      ...(bodyPattern === undefined ? {} : { bodyPattern }),
    };
  }
  const stableForMs = inputs.parsed('stable-for', parseDuration, DURATION);
  const checkTargetHealth = inputs.parsed(
    'check-target-health',
    (name, raw) => parseChoice(name, raw, ['auto', 'true', 'false'] as const),
    'auto, true or false',
  );
  const logLines = inputs.parsed(
    'log-lines',
    (name, raw) => parseInteger(name, raw, { min: 0, max: 1000 }),
    'a whole number from 0 to 1000',
  );
  const waitForRollback = inputs.parsed('wait-for-rollback', parseBoolean, 'true or false');
  const rollbackTimeoutMs = inputs.parsed('rollback-timeout', parseDuration, DURATION);
  if (rollbackTimeoutMs <= 0) throw new InputError('rollback-timeout', 'is zero', DURATION);
  return {
    timeoutMs,
    stableForMs,
    ...(probe === undefined ? {} : { probe }),
    checkTargetHealth,
    minIntervalMs,
    maxIntervalMs,
    logLines,
    waitForRollback,
    rollbackTimeoutMs,
  };
}
