import { describe, expect, it } from '@jest/globals';
import type { StsApi } from '@ecs-deploy/aws';
import { hasCredentials, registryHost } from '../src/registry.js';

const OURS = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const sts =
  (account: string): (() => StsApi) =>
  () => ({ callerIdentity: () => Promise.resolve({ account, arn: '' }) });

describe('registryHost', () => {
  it.each<[string, string | undefined, boolean, (() => StsApi) | undefined, string]>([
    ['given and matching', OURS, false, sts('123456789012'), OURS],
    ['given, no credentials to check the account', OURS, false, undefined, OURS],
    [
      'not ECR: taken as is',
      'registry.example.com:5000',
      false,
      sts('123456789012'),
      'registry.example.com:5000',
    ],
    [
      'foreign, allowed',
      '999999999999.dkr.ecr.eu-west-1.amazonaws.com',
      true,
      sts('123456789012'),
      '999999999999.dkr.ecr.eu-west-1.amazonaws.com',
    ],
    ['derived from STS and the region', undefined, false, sts('123456789012'), OURS],
  ])('%s', async (_name, given, allow, identity, expected) => {
    await expect(registryHost(given, allow, 'us-east-1', identity)).resolves.toBe(expected);
  });

  it.each<[string, string | undefined, (() => StsApi) | undefined, string]>([
    [
      'another region',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      sts('123456789012'),
      "Input 'registry' is in region eu-west-1, but this job runs in us-east-1",
    ],
    [
      'another account',
      '999999999999.dkr.ecr.us-east-1.amazonaws.com',
      sts('123456789012'),
      "Input 'registry' belongs to account 999999999999, but this job runs in account 123456789012",
    ],
    [
      'nothing to derive from',
      undefined,
      undefined,
      "Input 'registry' is empty and cannot be derived",
    ],
  ])('refuses %s', async (_name, given, identity, message) => {
    await expect(registryHost(given, false, 'us-east-1', identity)).rejects.toThrow(message);
  });

  it('knows when the step has credentials', () => {
    expect(hasCredentials({ AWS_ACCESS_KEY_ID: 'x' })).toBe(true);
    expect(hasCredentials({ AWS_WEB_IDENTITY_TOKEN_FILE: '/t' })).toBe(true);
    expect(hasCredentials({ AWS_REGION: 'us-east-1' })).toBe(false);
  });
});
