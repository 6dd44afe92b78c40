import { ActionError } from '@ecs-deploy/action-kit';

/** Settings every client of one action shares. */
export interface AwsSettings {
  /** The region all calls go to. */
  readonly region: string;
  /** Identifies the action in AWS's request logs (CloudTrail userAgent). */
  readonly userAgent: string;
  /** Total attempts per call, the SDK's retries included. */
  readonly maxAttempts: number;
  /** A call that takes longer than this is abandoned (and retried as a network failure). */
  readonly requestTimeoutMs: number;
}

/** Reads the region and retry settings from the step environment, as the SDK would. */
export function awsSettingsFrom(
  env: Readonly<Record<string, string | undefined>>,
  action: string,
  version: string,
): AwsSettings {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? '';
  if (region === '') {
    throw new ActionError(
      'No AWS region is set (AWS_REGION and AWS_DEFAULT_REGION are both empty).',
      'Set it with the `aws-region` input of aws-actions/configure-aws-credentials, or `env: AWS_REGION`.',
    );
  }
  const attempts = Number(env.AWS_MAX_ATTEMPTS ?? '');
  return {
    region,
    userAgent: `ecs-deploy-actions/${version} ${action}`,
    maxAttempts: Number.isInteger(attempts) && attempts > 0 ? attempts : 5,
    requestTimeoutMs: 30_000,
  };
}

/** The constructor options of an SDK v3 client for these settings. */
export function clientConfig(settings: AwsSettings): {
  region: string;
  maxAttempts: number;
  customUserAgent: string;
  requestHandler: { connectionTimeout: number; requestTimeout: number };
} {
  return {
    region: settings.region,
    maxAttempts: settings.maxAttempts,
    customUserAgent: settings.userAgent,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: settings.requestTimeoutMs },
  };
}
