import { describe, expect, it } from '@jest/globals';
import type { StsApi } from '@ecs-deploy/aws';
import { checkRegistryHost, hasCredentials, registryHost } from '../src/registry.js';

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

describe('checkRegistryHost: one rule for every input that names an ECR host', () => {
  const account = (id: string) => () => Promise.resolve(id);
  it.each<[string, string, string]>([
    ['China', '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', 'of partition aws-cn'],
    ['GovCloud', '123456789012.dkr.ecr.us-gov-west-1.amazonaws.com', 'of partition aws-us-gov'],
    ['ISO', '123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov', 'of partition aws-iso'],
    ['another region', '123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'in region eu-west-1'],
    ['another account', '999999999999.dkr.ecr.us-east-1.amazonaws.com', 'account 999999999999'],
  ])('refuses %s, naming the input', async (_name, host, fragment) => {
    const check = checkRegistryHost('image', host, false, 'us-east-1', account('123456789012'));
    await expect(check).rejects.toThrow(fragment);
    await expect(check).rejects.toThrow("Input 'image'");
  });

  it.each<[string, string, boolean, string | undefined]>([
    ['ours', OURS, false, 'us-east-1'],
    ['foreign, allowed', '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', true, 'us-east-1'],
    ['not ECR', 'ghcr.io', false, 'us-east-1'],
    ['no region known', '123456789012.dkr.ecr.eu-west-1.amazonaws.com', false, undefined],
  ])('accepts %s', async (_name, host, allow, region) => {
    await expect(
      checkRegistryHost('image', host, allow, region, account('123456789012')),
    ).resolves.toBeUndefined();
  });
});
