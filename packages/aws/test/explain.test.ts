import { describe, expect, it } from '@jest/globals';
import {
  AwsError,
  AwsExplainer,
  explainFailure,
  explainedCall,
  type AwsSettings,
  type FailedCall,
  type InputMap,
} from '../src/index.js';

// Codes and operations from packages/aws-sim/models/*.json (each operation's declared errors);
// messages as ECS, ECR and IAM word them.
const DEPLOY: InputMap = {
  params: { cluster: 'cluster', service: 'service', services: 'service' },
  requests: { 'ecs:RegisterTaskDefinition': 'task-definition' },
  given: (input) => ({ cluster: 'nope', service: 'web', 'task-definition': 'td.json' })[input],
};
const RENDER: InputMap = {
  params: { taskDefinition: 'task-definition-family', cluster: 'cluster', services: 'service' },
  given: (input) => ({ 'task-definition-family': 'web' })[input],
};
const PUSH: InputMap = {
  params: {
    repositoryName: 'repository',
    repositoryNames: 'repository',
    registryId: 'registry-id',
  },
  remedies: { RepositoryNotFoundException: 'Or set `create-repository: true`.' },
};
const DENIED = (action: string, resource = ''): string =>
  `User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: ${action}${resource === '' ? '' : ` on resource: ${resource}`} because no identity-based policy allows the ${action} action`;

const at = (
  operation: string,
  params: Record<string, unknown>,
  code: string,
  message: string,
  account?: string,
): FailedCall => ({
  operation,
  params,
  code,
  message,
  region: 'us-east-1',
  ...(account === undefined ? {} : { account }),
});

describe('explainFailure', () => {
  it.each<[string, FailedCall, InputMap, RegExp, RegExp]>([
    [
      'ClusterNotFoundException × DescribeServices',
      at(
        'ecs:DescribeServices',
        { cluster: 'nope', services: ['web'] },
        'ClusterNotFoundException',
        'Cluster not found.',
        '123456789012',
      ),
      DEPLOY,
      /^Input 'cluster' is 'nope': no such cluster in us-east-1 \(account 123456789012\)\.$/,
      /^Check the region \(AWS_REGION\), the account of the credentials, and the cluster name\.$/,
    ],
    [
      'ClusterNotFoundException × UpdateService, account unknown',
      at(
        'ecs:UpdateService',
        { cluster: 'nope', service: 'web' },
        'ClusterNotFoundException',
        'Cluster not found.',
      ),
      DEPLOY,
      /^Input 'cluster' is 'nope': no such cluster in us-east-1\.$/,
      /cluster name/,
    ],
    [
      'ClusterNotFoundException × ListServiceDeployments',
      at(
        'ecs:ListServiceDeployments',
        { cluster: 'nope', service: 'web' },
        'ClusterNotFoundException',
        'Cluster not found.',
      ),
      DEPLOY,
      /^Input 'cluster' is 'nope'/,
      /AWS_REGION/,
    ],
    [
      'ServiceNotFoundException × UpdateService',
      at(
        'ecs:UpdateService',
        { cluster: 'nope', service: 'web' },
        'ServiceNotFoundException',
        'Service not found.',
      ),
      DEPLOY,
      /^Input 'service' is 'web': no such service of cluster 'nope' \(input 'cluster'\) in us-east-1\.$/,
      /the service name and the cluster it runs in/,
    ],
    [
      'DescribeServices failures[] MISSING',
      at(
        'ecs:DescribeServices',
        { cluster: 'nope', services: ['web'] },
        'MISSING',
        'failures[] lists it as MISSING',
        '123456789012',
      ),
      DEPLOY,
      /^Input 'service' is 'web': no such service .*\(account 123456789012\)/,
      /service name/,
    ],
    [
      'ServiceNotActiveException × UpdateService',
      at(
        'ecs:UpdateService',
        { cluster: 'nope', service: 'web' },
        'ServiceNotActiveException',
        'Service was not ACTIVE.',
      ),
      DEPLOY,
      /^Input 'service' is 'web': the service is not ACTIVE in cluster 'nope' \(it is being deleted, or was\)\.$/,
      /^Point input 'service' at an ACTIVE service/,
    ],
    [
      'DescribeServices status INACTIVE (deleted)',
      at(
        'ecs:DescribeServices',
        { cluster: 'nope', services: ['web'] },
        'INACTIVE',
        'services[] lists web with status INACTIVE',
      ),
      DEPLOY,
      /^Input 'service' is 'web': the service is not ACTIVE in cluster 'nope' \(status INACTIVE: it was deleted\)\.$/,
      /create the service again/,
    ],
    [
      'DescribeServices status DRAINING (being deleted)',
      at(
        'ecs:DescribeServices',
        { cluster: 'nope', services: ['web'] },
        'DRAINING',
        'services[] lists web with status DRAINING',
      ),
      DEPLOY,
      /\(status DRAINING: it is being deleted\)\.$/,
      /ACTIVE service/,
    ],
    [
      'ClientException "Unable to describe" × DescribeTaskDefinition',
      at(
        'ecs:DescribeTaskDefinition',
        { taskDefinition: 'web', include: ['TAGS'] },
        'ClientException',
        'Unable to describe task definition.',
        '123456789012',
      ),
      RENDER,
      /^Input 'task-definition-family' is 'web': no such task definition in us-east-1 \(account 123456789012\)\.$/,
      /family \(or family:revision, or ARN\)/,
    ],
    [
      'a task definition the input did not name (the live one) is not blamed on it',
      at(
        'ecs:DescribeTaskDefinition',
        { taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:3' },
        'ClientException',
        'Unable to describe task definition.',
      ),
      RENDER,
      /^Task definition 'arn:aws:ecs:us-east-1:123456789012:task-definition\/api:3': no such task definition/,
      /AWS_REGION/,
    ],
    [
      'RepositoryNotFoundException × DescribeRepositories',
      at(
        'ecr:DescribeRepositories',
        { repositoryNames: ['nope'] },
        'RepositoryNotFoundException',
        "The repository with name 'nope' does not exist in the registry with id '123456789012'",
      ),
      PUSH,
      /^Input 'repository' is 'nope': no such ECR repository in us-east-1 \(registry 123456789012\)\.$/,
      /repository name\. Or set `create-repository: true`\.$/,
    ],
    [
      'RepositoryNotFoundException × BatchGetImage',
      at(
        'ecr:BatchGetImage',
        { repositoryName: 'nope', registryId: '210987654321' },
        'RepositoryNotFoundException',
        'The repository does not exist',
      ),
      PUSH,
      /^Input 'repository' is 'nope': .*\(registry 210987654321, input 'registry-id'\)\.$/,
      /the registry's account \(input 'registry-id'\), and the repository name\. Or set/,
    ],
    [
      'TargetGroupNotFound × DescribeTargetHealth (no input gave it)',
      at(
        'elasticloadbalancing:DescribeTargetHealth',
        { TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/1' },
        'TargetGroupNotFound',
        'One or more target groups not found',
      ),
      DEPLOY,
      /^Target group 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup\/web\/1': no such target group/,
      /target group ARN/,
    ],
    [
      'AccessDeniedException × UpdateService',
      at(
        'ecs:UpdateService',
        { cluster: 'nope', service: 'web' },
        'AccessDeniedException',
        DENIED('ecs:UpdateService', 'arn:aws:ecs:us-east-1:123456789012:service/nope/web'),
      ),
      DEPLOY,
      /^AWS denied ecs:UpdateService on arn:aws:ecs:us-east-1:123456789012:service\/nope\/web to arn:aws:sts::123456789012:assumed-role\/deploy\/gha \(input 'cluster' is 'nope', input 'service' is 'web'\)\.$/,
      /^Grant the IAM action ecs:UpdateService on arn:\S+ to the IAM role 'deploy' \(this job's session arn:aws:sts::123456789012:assumed-role\/deploy\/gha\)\.$/,
    ],
    [
      'AccessDeniedException naming iam:PassRole × RegisterTaskDefinition',
      at(
        'ecs:RegisterTaskDefinition',
        { family: 'web' },
        'AccessDeniedException',
        DENIED('iam:PassRole', 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole'),
      ),
      DEPLOY,
      /^AWS denied iam:PassRole on arn:aws:iam::123456789012:role\/ecsTaskExecutionRole to \S+, calling ecs:RegisterTaskDefinition\.$/,
      /^Grant the IAM action iam:PassRole on arn:aws:iam::123456789012:role\/ecsTaskExecutionRole to the IAM role 'deploy'.*executionRoleArn or taskRoleArn\.$/,
    ],
    [
      'AccessDenied (query protocol) × DescribeTargetHealth: the IAM prefix is ours',
      at(
        'elasticloadbalancing:DescribeTargetHealth',
        { TargetGroupArn: 'arn:tg' },
        'AccessDenied',
        'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: elasticloadbalancing:DescribeTargetHealth',
      ),
      DEPLOY,
      /^AWS denied elasticloadbalancing:DescribeTargetHealth to arn:aws:iam::123456789012:user\/ci\.$/,
      /^Grant the IAM action elasticloadbalancing:DescribeTargetHealth to arn:aws:iam::123456789012:user\/ci\.$/,
    ],
    [
      'AccessDeniedException by an explicit deny (a grant would not help)',
      at(
        'ecs:UpdateService',
        { cluster: 'nope', service: 'web' },
        'AccessDeniedException',
        'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:us-east-1:123456789012:service/nope/web with an explicit deny in a service control policy',
      ),
      DEPLOY,
      /^AWS denied ecs:UpdateService on arn:aws:ecs:us-east-1:123456789012:service\/nope\/web to arn:aws:iam::123456789012:user\/ci \(/,
      /^An explicit deny in service control policy overrides any grant: have its owner allow ecs:UpdateService/,
    ],
    [
      'UnauthorizedOperation without an action in the message',
      at(
        'ecr:DescribeRepositories',
        { repositoryNames: ['web'] },
        'UnauthorizedOperation',
        'You are not authorized to perform this operation.',
      ),
      PUSH,
      /^AWS denied ecr:DescribeRepositories to the credentials of this job \(input 'repository' is 'web'\)\.$/,
      /^Grant the IAM action ecr:DescribeRepositories to the role this job assumed\.$/,
    ],
    [
      'InvalidParameterException naming a parameter an input gave',
      at(
        'ecs:DescribeServices',
        { cluster: 'nope', services: ['web'] },
        'InvalidParameterException',
        'Identifier is for 210987654321. Your accountId is 123456789012 (cluster).',
      ),
      DEPLOY,
      /^Input 'cluster' is 'nope': ecs:DescribeServices refused it\.$/,
      /^Check input 'cluster'/,
    ],
    [
      'InvalidParameterException naming a nested parameter an input gave',
      at(
        'ecs:UpdateService',
        {
          cluster: 'nope',
          service: 'web',
          deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 100 },
        },
        'InvalidParameterException',
        'maximumPercent must be greater than minimumHealthyPercent.',
      ),
      {
        params: {
          maximumPercent: 'maximum-percent',
          minimumHealthyPercent: 'minimum-healthy-percent',
        },
        given: (input) => ({ 'maximum-percent': '100', 'minimum-healthy-percent': '100' })[input],
      },
      /^Input 'maximum-percent' is '100': ecs:UpdateService refused it\.$/,
      /^Check input 'maximum-percent'/,
    ],
    [
      'ClientException × RegisterTaskDefinition: the input that holds the request',
      at(
        'ecs:RegisterTaskDefinition',
        { family: 'web' },
        'ClientException',
        "Fargate requires that 'cpu' be defined at the task level.",
      ),
      DEPLOY,
      /^Input 'task-definition' is 'td\.json': ecs:RegisterTaskDefinition refused what it holds\.$/,
      /input 'task-definition'/,
    ],
  ])('%s', (_name, call, inputs, message, hint) => {
    const explanation = explainFailure(call, inputs);
    expect(explanation?.message).toMatch(message);
    expect(explanation?.hint).toMatch(hint);
  });

  it.each<[string, FailedCall]>([
    ['ThrottlingException', at('ecs:DescribeServices', {}, 'ThrottlingException', 'Rate exceeded')],
    ['ServerException', at('ecs:UpdateService', {}, 'ServerException', 'internal')],
    [
      'ExpiredTokenException (AwsError has the hint)',
      at(
        'ecs:DescribeServices',
        {},
        'ExpiredTokenException',
        'The security token included in the request is expired',
      ),
    ],
    [
      'InvalidParameterException naming no input',
      at('ecs:UpdateService', { desiredCount: -1 }, 'InvalidParameterException', 'bad'),
    ],
    [
      'InvalidParameterException whose message holds a value only inside another name',
      at(
        'ecs:UpdateService',
        { cluster: 'nope', service: 'web' },
        'InvalidParameterException',
        'The target group with targetGroupArn arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/1 does not exist.',
      ),
    ],
    [
      'ImageAlreadyExistsException',
      at('ecr:PutImage', { repositoryName: 'web' }, 'ImageAlreadyExistsException', 'exists'),
    ],
  ])('adds nothing to %s', (_name, call) => {
    expect(explainFailure(call, DEPLOY)).toBeUndefined();
  });

  it('never repeats a credential the message does not hold', () => {
    const explanation = explainFailure(
      at('ecs:DescribeServices', { cluster: 'nope' }, 'ClusterNotFoundException', 'x'),
      DEPLOY,
    );
    expect(JSON.stringify(explanation)).not.toMatch(/AKIA|aws_secret|session token/i);
  });
});

const SETTINGS: AwsSettings = {
  region: 'us-east-1',
  userAgent: 'test',
  maxAttempts: 1,
  requestTimeoutMs: 1000,
};

function sdkError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

describe('AwsExplainer', () => {
  it('explains a call that threw, looking the account up once and only for an input', async () => {
    let lookups = 0;
    const explainer = new AwsExplainer(DEPLOY, () => {
      lookups += 1;
      return Promise.resolve('123456789012');
    });
    const fail = (params: object): Promise<AwsError> =>
      explainedCall(SETTINGS, explainer, 'ecs:DescribeServices', params, () =>
        Promise.reject(sdkError('ClusterNotFoundException', 'Cluster not found.')),
      ).catch((error: unknown) => error as AwsError);
    const named = await fail({ cluster: 'nope', services: ['web'] });
    expect(named).toBeInstanceOf(AwsError);
    expect(named.kind).toBe('not-found');
    expect(named.code).toBe('ClusterNotFoundException');
    expect(named.message).toMatch(
      /^Input 'cluster' is 'nope': no such cluster in us-east-1 \(account 123456789012\)\. ecs:DescribeServices failed: ClusterNotFoundException: Cluster not found\.$/,
    );
    expect(named.hint).toContain('AWS_REGION');
    await fail({ cluster: 'nope' });
    expect(lookups).toBe(1);
    const other = await fail({ cluster: 'elsewhere' });
    expect(other.message).toMatch(/^Cluster 'elsewhere': no such cluster in us-east-1\./);
    expect(lookups).toBe(1);
  });

  it('keeps the classification, so callers that branch on code or kind still do', async () => {
    const error = await explainedCall(
      SETTINGS,
      new AwsExplainer(PUSH),
      'ecr:DescribeRepositories',
      { repositoryNames: ['nope'] },
      () => Promise.reject(sdkError('RepositoryNotFoundException', "in the registry with id '1'")),
    ).catch((e: unknown) => e as AwsError);
    expect(error.code).toBe('RepositoryNotFoundException');
    expect(error.explanation?.input).toBe('repository');
    expect(error.retryable).toBe(false);
  });

  it('turns a MISSING service never seen into an error, and one seen before into data', () => {
    const explainer = new AwsExplainer(DEPLOY);
    const params = { cluster: 'nope', services: ['web'] };
    const missing = {
      services: [],
      failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/nope/web', reason: 'MISSING' }],
    };
    expect(() => {
      explainer.checkServices(params, missing, SETTINGS);
    }).toThrow(
      /^Input 'service' is 'web': no such service of cluster 'nope' \(input 'cluster'\) in us-east-1 \(account 123456789012\)\./,
    );
    explainer.checkServices(
      params,
      { services: [{ serviceName: 'web', status: 'ACTIVE' }] },
      SETTINGS,
    );
    expect(() => {
      explainer.checkServices(params, missing, SETTINGS);
    }).not.toThrow();
  });

  it('turns a service never seen ACTIVE into an error, and one seen ACTIVE before into data', () => {
    const explainer = new AwsExplainer(DEPLOY);
    const params = { cluster: 'nope', services: ['web'] };
    const deleted = { services: [{ serviceName: 'web', status: 'INACTIVE' }] };
    expect(() => {
      explainer.checkServices(params, deleted, SETTINGS);
    }).toThrow(/^Input 'service' is 'web': the service is not ACTIVE .*status INACTIVE/);
    explainer.checkServices(
      params,
      { services: [{ serviceName: 'web', status: 'ACTIVE' }] },
      SETTINGS,
    );
    expect(() => {
      explainer.checkServices(params, deleted, SETTINGS);
    }).not.toThrow();
  });

  it('without an explainer, a failure is classified as before', async () => {
    const error = await explainedCall(SETTINGS, undefined, 'ecs:UpdateService', {}, () =>
      Promise.reject(sdkError('ClusterNotFoundException', 'Cluster not found.')),
    ).catch((e: unknown) => e as AwsError);
    expect(error.message).toBe(
      'ecs:UpdateService failed: ClusterNotFoundException: Cluster not found.',
    );
  });
});
