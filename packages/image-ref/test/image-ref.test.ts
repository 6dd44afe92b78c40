import { describe, expect, it } from '@jest/globals';
import {
  digestProblem,
  ecrRegistryHost,
  partitionOf,
  formatImageReference,
  parseEcrHost,
  parseImageReference,
  sanitizeTag,
  secretBearingReason,
} from '../src/index.js';

const HEX = 'a'.repeat(64);

describe('digestProblem', () => {
  it.each([
    [`sha256:${HEX}`, undefined],
    ['', 'it is empty'],
    [HEX, 'it has no algorithm prefix'],
    [`sha512:${HEX}`, 'its algorithm is "sha512"'],
    [`sha256:${HEX.toUpperCase()}`, 'upper-case'],
    ['sha256:abc123', 'its hex part has 6 characters instead of 64'],
    [`sha256:${'g'.repeat(64)}`, 'not hex'],
    [`sha256:${HEX}:x`, 'more than one colon'],
  ])('%s → %s', (value, expected) => {
    const problem = digestProblem(value);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toContain(expected);
  });
});

describe('sanitizeTag', () => {
  it.each([
    [
      'dev-10683f6edf72a951e1057f6f3bb713373cf08333',
      'dev-10683f6edf72a951e1057f6f3bb713373cf08333',
    ],
    ['feature/Login Page', 'feature-Login-Page'],
    ['--.hidden', 'hidden'],
    ['a//b', 'a-b'],
    ['trailing/', 'trailing'],
    ['ü', ''],
    ['///', ''],
    ['_ok.1-2', '_ok.1-2'],
  ])('%s → %s', (value, expected) => {
    expect(sanitizeTag(value)).toBe(expected);
  });
});

describe('parseImageReference', () => {
  it.each([
    ['nginx', { repository: 'nginx' }],
    ['nginx:1.27', { repository: 'nginx', tag: '1.27' }],
    ['localhost:5000/app', { registry: 'localhost:5000', repository: 'app' }],
    [
      `123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:dev@sha256:${HEX}`,
      {
        registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
        repository: 'team/api',
        tag: 'dev',
        digest: `sha256:${HEX}`,
      },
    ],
    [
      'public.ecr.aws/xray/aws-xray-daemon:latest',
      { registry: 'public.ecr.aws', repository: 'xray/aws-xray-daemon', tag: 'latest' },
    ],
  ])('%s', (value, expected) => {
    const parsed = parseImageReference(value);
    expect(parsed).toEqual(expect.objectContaining(expected));
    expect(formatImageReference(parsed)).toBe(value);
  });

  it.each([
    ['', 'empty'],
    ['app@sha256:abc', 'not a sha256 digest'],
    ['App/Upper', 'not a valid repository path component'],
    ['app:bad/tag:x y', 'white space'],
    ['registry.example.com/', 'no repository name'],
    ['app:-bad', 'not a valid tag'],
  ])('%s is refused (%s)', (value, message) => {
    expect(() => parseImageReference(value)).toThrow(message);
  });
});

describe('ECR hosts', () => {
  it('formats and parses', () => {
    const host = ecrRegistryHost('123456789012', 'eu-central-1');
    expect(host).toBe('123456789012.dkr.ecr.eu-central-1.amazonaws.com');
    expect(parseEcrHost(host)).toEqual({
      accountId: '123456789012',
      region: 'eu-central-1',
      partition: 'aws',
    });
    expect(ecrRegistryHost('123456789012', 'cn-north-1')).toMatch(/amazonaws\.com\.cn$/);
    expect(parseEcrHost('ghcr.io')).toBeUndefined();
  });

  // The partitions table of the AWS SDK (regionRegex → dnsSuffix).
  it.each([
    ['us-east-1', 'aws', 'amazonaws.com'],
    ['cn-northwest-1', 'aws-cn', 'amazonaws.com.cn'],
    ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com'],
    ['us-iso-east-1', 'aws-iso', 'c2s.ic.gov'],
    ['us-isob-east-1', 'aws-iso-b', 'sc2s.sgov.gov'],
    ['eu-isoe-west-1', 'aws-iso-e', 'cloud.adc-e.uk'],
    ['eusc-de-east-1', 'aws-eusc', 'amazonaws.eu'],
  ])('region %s is in partition %s, hosts end in %s', (region, partition, suffix) => {
    expect(partitionOf(region)).toBe(partition);
    const host = ecrRegistryHost('123456789012', region);
    expect(host).toBe(`123456789012.dkr.ecr.${region}.${suffix}`);
    expect(parseEcrHost(host)).toEqual({ accountId: '123456789012', region, partition });
  });

  it('reads FIPS hosts and leaves other hosts alone', () => {
    expect(parseEcrHost('123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com')?.partition).toBe(
      'aws-us-gov',
    );
    expect(parseEcrHost('123456789012.dkr.ecr.us-east-1.example.com')).toBeUndefined();
  });

  it.each([
    ['12345', 'us-east-1'],
    ['123456789012', 'useast1'],
  ])('refuses account %s / region %s', (account, region) => {
    expect(() => ecrRegistryHost(account, region)).toThrow();
  });
});

describe('secretBearingReason', () => {
  it.each([
    ['dev-10683f6edf72a951e1057f6f3bb713373cf08333', undefined],
    ['v1.2.3', undefined],
    ['20261122', undefined],
    ['123456789012', 'digits'],
    ['acct-1234567890123', 'digits'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/app', 'registry host'],
    ['x.dkr.ecr.us-east-1.amazonaws.com', 'registry host'],
  ])('%s → %s', (value, expected) => {
    const reason = secretBearingReason(value);
    if (expected === undefined) expect(reason).toBeUndefined();
    else expect(reason).toContain(expected);
  });
});
