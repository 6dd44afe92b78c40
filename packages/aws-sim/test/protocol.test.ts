import { describe, expect, it } from '@jest/globals';
import { matchesTarget } from '../src/faults/faults.js';
import { parseFaultSpec, parseScenarioSpec } from '../src/faults/spec.js';
import { TokenBucket } from '../src/faults/token-bucket.js';
import { categoryOf } from '../src/faults/rate-limits.js';
import { parseQueryBody } from '../src/protocol/query.js';
import { routeJsonTarget, signingName } from '../src/protocol/routing.js';
import { queryError, toXml } from '../src/protocol/xml.js';
import { isOurRegistry, parseImageRef } from '../src/util/image-ref.js';

describe('awsQuery form parsing', () => {
  it('turns member lists into arrays and drops the SDK’s empty-list marker', () => {
    expect(
      parseQueryBody(
        'Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn=arn%3Aaws%3Ax&Targets.member.1.Id=10.0.1.15&Targets.member.1.Port=8080&Targets.member.2.Id=10.0.2.20&Include=',
      ),
    ).toEqual({
      Action: 'DescribeTargetHealth',
      Version: '2015-12-01',
      TargetGroupArn: 'arn:aws:x',
      Targets: [{ Id: '10.0.1.15', Port: '8080' }, { Id: '10.0.2.20' }],
    });
    expect(parseQueryBody('Action=X&Names.member.1=a&Names.member.2=b')).toEqual({
      Action: 'X',
      Names: ['a', 'b'],
    });
  });
});

describe('XML rendering', () => {
  it('renders members, lists as <member>, and escapes text', () => {
    expect(toXml({ A: [{ B: 'x<y' }, { B: '1' }], C: true, D: null })).toBe(
      '<A><member><B>x&lt;y</B></member><member><B>1</B></member></A><C>true</C>',
    );
    expect(queryError('ns', 'Throttling', 'Rate exceeded', 400, 'r')).toContain(
      '<Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>',
    );
  });
});

describe('routing', () => {
  it('splits x-amz-target and reads the signing name', () => {
    expect(routeJsonTarget('AmazonEC2ContainerServiceV20141113.DescribeServices')).toEqual({
      service: 'ecs',
      operation: 'DescribeServices',
    });
    expect(routeJsonTarget('AmazonEC2ContainerRegistry_V20150921.PutImage').service).toBe('ecr');
    expect(routeJsonTarget('Nope_2020.X').service).toBeUndefined();
    expect(
      signingName(
        'AWS4-HMAC-SHA256 Credential=AKIDTEST/20261122/us-east-1/elasticloadbalancing/aws4_request, SignedHeaders=host',
      ),
    ).toBe('elasticloadbalancing');
  });
});

describe('faults', () => {
  it('matches service:operation targets with wildcards and aliases', () => {
    expect(matchesTarget('ecs:*', 'ecs', 'UpdateService')).toBe(true);
    expect(matchesTarget('ecs:DescribeServices', 'ecs', 'UpdateService')).toBe(false);
    expect(matchesTarget('*', 'sts', 'GetCallerIdentity')).toBe(true);
    expect(
      matchesTarget('elbv2:DescribeTargetHealth', 'elasticloadbalancing', 'DescribeTargetHealth'),
    ).toBe(true);
    expect(matchesTarget('*:ListTasks', 'ecs', 'ListTasks')).toBe(true);
    expect(matchesTarget('ecs:@service-modify', 'ecs', 'UpdateService')).toBe(true);
    expect(matchesTarget('ecs:@service-modify', 'ecs', 'DescribeServices')).toBe(false);
    expect(matchesTarget('*:@cluster-resource-read', 'ecs', 'DescribeTasks')).toBe(true);
  });

  it('token bucket: burst, then the sustained rate', () => {
    const b = new TokenBucket(3, 1, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    expect(b.take(500)).toBe(false);
    expect(b.take(1000)).toBe(true);
    expect(b.take(100_000)).toBe(true); // refill is capped at capacity
    expect([b.take(100_000), b.take(100_000), b.take(100_000)]).toEqual([true, true, false]);
  });

  it('groups actions into the spec’s categories', () => {
    expect(categoryOf('ecs', 'DescribeServices')).toMatchObject({
      burst: 100,
      refillPerSecond: 20,
    });
    expect(categoryOf('ecs', 'UpdateService')).toMatchObject({ burst: 50, refillPerSecond: 5 });
    expect(categoryOf('ecs', 'RegisterTaskDefinition')).toMatchObject({
      burst: 20,
      refillPerSecond: 1,
    });
    expect(categoryOf('ecs', 'DescribeTasks')?.name).toBe('cluster-resource-read');
    expect(categoryOf('sts', 'GetCallerIdentity')).toBeUndefined();
  });
});

describe('image references', () => {
  it('splits host, repository, tag and digest', () => {
    expect(parseImageRef('127.0.0.1:5000/team/web:v1')).toEqual({
      host: '127.0.0.1:5000',
      repository: 'team/web',
      tag: 'v1',
    });
    expect(parseImageRef('123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:abc')).toEqual({
      host: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
      repository: 'web',
      digest: 'sha256:abc',
    });
    expect(parseImageRef('nginx')).toEqual({ repository: 'nginx' });
  });

  it('knows which hosts are the simulated registry', () => {
    expect(isOurRegistry('127.0.0.1:5000', '127.0.0.1:5000')).toBe(true);
    expect(isOurRegistry('localhost:5000', '127.0.0.1:5000')).toBe(true);
    expect(isOurRegistry('123456789012.dkr.ecr.eu-west-1.amazonaws.com', '127.0.0.1:5000')).toBe(
      true,
    );
    expect(isOurRegistry('public.ecr.aws', '127.0.0.1:5000')).toBe(false);
    expect(isOurRegistry(undefined, '127.0.0.1:5000')).toBe(false);
  });
});

describe('CLI fault and scenario syntax', () => {
  it.each([
    [
      'ecs:DescribeServices=throttle*2',
      { target: 'ecs:DescribeServices', kind: 'throttle', times: 2 },
    ],
    ['ecs:*=latency:250', { target: 'ecs:*', kind: 'latency', latencyMs: 250 }],
    ['sts:*=server-error:503', { target: 'sts:*', kind: 'server-error', status: 503 }],
    ['*=reset*1', { target: '*', kind: 'reset', times: 1 }],
    ['elbv2:*=access-denied', { target: 'elbv2:*', kind: 'access-denied' }],
  ])('%s', (text, rule) => {
    expect(parseFaultSpec(text)).toEqual(rule);
  });

  it.each([
    'ecs:*',
    'ecs:*=explode',
    'ecs:*=throttle*0',
    'ecs:*=latency',
    'ecs:*=server-error:502',
    'ecs:*=reset:1',
  ])('rejects %s', (text) => {
    expect(() => parseFaultSpec(text)).toThrow(/fault/);
  });

  it('scenario selectors: digest or repository:tag', () => {
    expect(parseScenarioSpec('web:v2=exit-on-start:1')).toEqual({
      image: 'web:v2',
      scenario: 'exit-on-start:1',
    });
    expect(parseScenarioSpec('sha256:ab=oom')).toEqual({ digest: 'sha256:ab', scenario: 'oom' });
  });
});
