import { ActionError } from '@ecs-deploy/action-kit';
import { ACCESS_DENIED_CODES } from './explain-denied.js';
import type { Explanation } from './explain-types.js';
import type { AwsSettings } from './config.js';
import type { AwsExplainer } from './explainer.js';

/** What kind of failure an AWS call had, which decides whether to retry and what to tell the user. */
export type AwsErrorKind =
  | 'throttling'
  | 'server'
  | 'network'
  | 'access-denied'
  | 'expired-credentials'
  | 'invalid-credentials'
  | 'no-credentials'
  | 'no-region'
  | 'not-found'
  | 'invalid-request'
  | 'other';

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'SlowDown',
]);
const EXPIRED = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'RequestExpired',
  'TokenRefreshRequired',
]);
const INVALID_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
]);
const NOT_FOUND = new Set([
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'ServiceNotActiveException',
  'RepositoryNotFoundException',
  'ImageNotFoundException',
  'TargetGroupNotFound',
  'TargetGroupNotFoundException',
  'ServiceDeploymentNotFoundException',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'EHOSTUNREACH',
]);

/** An AWS call that failed, classified; the message names the operation, never a credential. */
export class AwsError extends ActionError {
  constructor(
    readonly kind: AwsErrorKind,
    /** `service:Operation`, which is also the IAM action a denied call needs. */
    readonly operation: string,
    /** The error code AWS answered with (e.g. `ThrottlingException`), or the client error's name. */
    readonly code: string,
    /** AWS's own message. */
    readonly awsMessage: string,
    readonly requestId?: string,
    /** What this failure means for the action's inputs (see explain.ts), said first. */
    readonly explanation?: Explanation,
  ) {
    const raw = `${operation} failed: ${code}: ${awsMessage}${requestId === undefined ? '' : ` (request id ${requestId})`}`;
    super(
      explanation === undefined ? raw : `${explanation.message} ${raw}`,
      explanation?.hint ?? hintFor(kind, operation),
    );
  }

  /** The same failure, explained. */
  explained(explanation: Explanation): AwsError {
    return new AwsError(
      this.kind,
      this.operation,
      this.code,
      this.awsMessage,
      this.requestId,
      explanation,
    );
  }

  /** Throttling, 5xx and network failures are worth another try; the rest are not. */
  get retryable(): boolean {
    return this.kind === 'throttling' || this.kind === 'server' || this.kind === 'network';
  }
}

function hintFor(kind: AwsErrorKind, operation: string): string | undefined {
  switch (kind) {
    case 'access-denied':
      return `The role this job assumed needs the IAM permission ${operation} on the resource above.`;
    case 'expired-credentials':
      return 'The AWS session expired during the step. Give the role a longer session (configure-aws-credentials `role-duration-seconds`) or shorten the wait.';
    case 'invalid-credentials':
      return 'The credentials in this job are not valid for this account/region; check the configure-aws-credentials step.';
    case 'no-credentials':
      return 'No AWS credentials were found. Add aws-actions/configure-aws-credentials (OIDC, `id-token: write`) before this step.';
    case 'no-region':
      return 'Set AWS_REGION, e.g. with the `aws-region` input of aws-actions/configure-aws-credentials.';
    default:
      return undefined;
  }
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** Turns whatever an SDK call threw into an AwsError (an AwsError passes through unchanged). */
export function classifyAwsError(error: unknown, operation: string): AwsError {
  if (error instanceof AwsError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = shape.name ?? 'Error';
  const message = shape.message ?? String(error);
  const status = shape.$metadata?.httpStatusCode;
  const requestId = shape.$metadata?.requestId;
  const kind = kindOf(name, message, status, shape.code);
  return new AwsError(kind, operation, name, message, requestId);
}

function kindOf(
  name: string,
  message: string,
  status: number | undefined,
  code: string | undefined,
): AwsErrorKind {
  if (THROTTLING.has(name) || status === 429) return 'throttling';
  if (EXPIRED.has(name) || /security token included in the request is expired/i.test(message))
    return 'expired-credentials';
  if (ACCESS_DENIED_CODES.has(name) || /not authorized to perform/i.test(message))
    return 'access-denied';
  if (INVALID_CREDENTIALS.has(name)) return 'invalid-credentials';
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message))
    return 'no-credentials';
  if (/region is missing/i.test(message)) return 'no-region';
  if (NOT_FOUND.has(name)) return 'not-found';
  if (status !== undefined && status >= 500) return 'server';
  if (
    (code !== undefined && NETWORK_CODES.has(code)) ||
    name === 'TimeoutError' ||
    /socket hang up/i.test(message)
  )
    return 'network';
  if (status !== undefined && status >= 400) return 'invalid-request';
  return 'other';
}

/** Runs one SDK call and classifies its failure; `operation` is `service:Operation`. */
export async function call<T>(operation: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw classifyAwsError(error, operation);
  }
}

/**
 * Runs one SDK call; a failure becomes a classified AwsError, explained by the action's inputs
 * when an explainer is given.
 */
export async function explainedCall<T>(
  settings: AwsSettings,
  explainer: AwsExplainer | undefined,
  operation: string,
  params: object,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw explainer === undefined
      ? classifyAwsError(error, operation)
      : await explainer.explain(error, operation, params, settings);
  }
}
