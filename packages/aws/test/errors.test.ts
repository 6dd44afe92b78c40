import { describe, expect, it } from '@jest/globals';
import {
  AwsError,
  awsSettingsFrom,
  call,
  classifyAwsError,
  type AwsErrorKind,
} from '../src/index.js';

function sdkError(name: string, message: string, status?: number, code?: string): Error {
  return Object.assign(new Error(message), {
    name,
    code,
    $metadata: { httpStatusCode: status, requestId: 'req-1' },
  });
}

describe('classifyAwsError', () => {
  it.each<[string, Error, AwsErrorKind, boolean]>([
    ['ECS throttling', sdkError('ThrottlingException', 'Rate exceeded', 400), 'throttling', true],
    ['query throttling', sdkError('Throttling', 'Rate exceeded', 400), 'throttling', true],
    ['HTTP 429', sdkError('TooManyRequests', 'slow down', 429), 'throttling', true],
    ['server error', sdkError('ServerException', 'internal', 500), 'server', true],
    ['503', sdkError('ServiceUnavailable', 'unavailable', 503), 'server', true],
    [
      'connection reset',
      sdkError('Error', 'socket hang up', undefined, 'ECONNRESET'),
      'network',
      true,
    ],
    ['timeout', sdkError('TimeoutError', 'Connection timed out after 5000 ms'), 'network', true],
    [
      'access denied',
      sdkError(
        'AccessDeniedException',
        'User: arn:aws:sts::1:assumed-role/x is not authorized to perform: ecs:UpdateService',
        400,
      ),
      'access-denied',
      false,
    ],
    [
      'expired token',
      sdkError(
        'ExpiredTokenException',
        'The security token included in the request is expired',
        400,
      ),
      'expired-credentials',
      false,
    ],
    [
      'bad signature',
      sdkError(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
        400,
      ),
      'invalid-credentials',
      false,
    ],
    [
      'no credentials',
      sdkError('CredentialsProviderError', 'Could not load credentials from any providers'),
      'no-credentials',
      false,
    ],
    [
      'missing service',
      sdkError('ServiceNotFoundException', 'Service not found.', 400),
      'not-found',
      false,
    ],
    [
      'missing cluster',
      sdkError('ClusterNotFoundException', 'Cluster not found.', 400),
      'not-found',
      false,
    ],
    [
      'client error',
      sdkError('ClientException', 'Container.image should not be null or empty.', 400),
      'invalid-request',
      false,
    ],
    ['anything else', new Error('boom'), 'other', false],
  ])('%s', (_name, error, kind, retryable) => {
    const classified = classifyAwsError(error, 'ecs:UpdateService');
    expect(classified.kind).toBe(kind);
    expect(classified.retryable).toBe(retryable);
    expect(classified.message).toContain('ecs:UpdateService failed: ');
  });

  it('names the IAM permission a denied call needs', () => {
    const error = classifyAwsError(
      sdkError('AccessDeniedException', 'not authorized', 400),
      'ecs:RegisterTaskDefinition',
    );
    expect(error.hint).toContain('ecs:RegisterTaskDefinition');
    expect(error.message).toContain('(request id req-1)');
  });

  it('passes an AwsError through call() unchanged', async () => {
    const original = new AwsError('server', 'ecs:ListTasks', 'X', 'y');
    await expect(call('ecs:Other', () => Promise.reject(original))).rejects.toBe(original);
    await expect(call('ecs:Other', () => Promise.resolve(3))).resolves.toBe(3);
  });
});

describe('awsSettingsFrom', () => {
  it('reads region and attempts from the environment', () => {
    expect(
      awsSettingsFrom(
        { AWS_DEFAULT_REGION: 'eu-west-1', AWS_MAX_ATTEMPTS: '2' },
        'wait-healthy',
        '1.0.0',
      ),
    ).toEqual({
      region: 'eu-west-1',
      userAgent: 'ecs-deploy-actions/1.0.0 wait-healthy',
      maxAttempts: 2,
      requestTimeoutMs: 30_000,
    });
  });
  it('explains a missing region', () => {
    expect(() => awsSettingsFrom({}, 'x', '1')).toThrow('No AWS region is set');
  });
});
