// The AWS-error matrix: every action that calls AWS, run from its bundle against the simulator,
// given an input that names nothing in AWS (wrong cluster, service, task definition, repository),
// or denied one specific call. Each case must fail with exactly one error annotation that names
// the input and its value (or the IAM action to grant, and to whom), and must not have changed
// anything: no mutating call answered successfully since the case began.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FaultRule } from '@ecs-deploy/aws-sim';
import { seedWithImages, simFixture, type SimFixture } from '@ecs-deploy/test-support';
import {
  GITHUB_ENV,
  SOME_DIGEST,
  bundleReady,
  describeStep,
  errorAnnotations,
  type ActionName,
} from './support.js';

/** One failing case: what to run, with which fault, and what its one error must say. */
interface Case {
  readonly action: ActionName;
  readonly inputs: Readonly<Record<string, string>>;
  readonly expected: readonly RegExp[];
  readonly fault?: FaultRule;
}

const POLL = { 'poll-min-interval': '500ms', 'poll-max-interval': '1s', timeout: '30s' };
const ACCOUNT = '123456789012';
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/ci`;
const WHERE = new RegExp(`in us-east-1 \\((?:account|registry) ${ACCOUNT}\\)`);
const CHECK = /Hint: Check the region \(AWS_REGION\), the account of the credentials, and /;

/** Valid inputs of each action; a case overrides some of them. */
const BASE: Readonly<Record<Exclude<ActionName, 'compute-image-tag'>, Record<string, string>>> = {
  'push-ecr-digest': { repository: 'web', 'source-tag': 'v1', tags: 'promoted' },
  'render-task-def': { 'task-definition-family': 'web', image: SOME_DIGEST, repository: 'web' },
  'ecs-rolling-deploy': { cluster: 'demo', service: 'web', 'task-definition': 'td.json', ...POLL },
  'wait-healthy': { cluster: 'demo', service: 'web', ...POLL },
  'rollback-digest': { cluster: 'demo', service: 'web', ...POLL },
  'ecs-run-task': {
    cluster: 'demo',
    service: 'web',
    'task-definition': 'web:1',
    command: 'true',
    timeout: '30s',
  },
};

const input = (name: string, value: string): RegExp =>
  new RegExp(`Input '${name}' is '${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}': no such `);

const notFound = (
  action: keyof typeof BASE,
  name: string,
  inputs: Record<string, string>,
  ...more: RegExp[]
): [string, Case] => [
  `${action} ${name}=${inputs[name] ?? ''}`,
  { action, inputs, expected: [input(name, inputs[name] ?? ''), WHERE, CHECK, ...more] },
];

const denied = (
  action: keyof typeof BASE,
  target: string,
  iamAction: string,
  inputs: Record<string, string> = {},
  ...more: RegExp[]
): [string, Case] => [
  `${action}: ${target} denied`,
  {
    action,
    inputs,
    fault: { target, kind: 'access-denied' },
    expected: [
      new RegExp(`AWS denied ${iamAction} to ${PRINCIPAL}`),
      new RegExp(`Hint: Grant the IAM action ${iamAction} to ${PRINCIPAL}\\.`),
      ...more,
    ],
  },
];

const DELETED =
  /Input 'service' is 'old': the service is not ACTIVE .*\(status (?:DRAINING|INACTIVE)/;
const TD_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:99`;

const CASES: [string, Case][] = [
  // Wrong cluster: the SDK's bare "ClusterNotFoundException: Cluster not found." before.
  notFound('ecs-rolling-deploy', 'cluster', { cluster: 'nope' }),
  notFound('wait-healthy', 'cluster', { cluster: 'nope' }),
  notFound('rollback-digest', 'cluster', { cluster: 'nope' }),
  notFound('render-task-def', 'cluster', {
    'task-definition-family': 'web',
    cluster: 'nope',
    service: 'web',
    'compare-with': 'service',
  }),
  // Wrong service: DescribeServices lists it in failures[] as MISSING.
  notFound('ecs-rolling-deploy', 'service', { service: 'nope' }, /of cluster 'demo'/),
  notFound('wait-healthy', 'service', { service: 'nope' }, /of cluster 'demo'/),
  notFound('rollback-digest', 'service', { service: 'nope' }, /of cluster 'demo'/),
  notFound('render-task-def', 'service', {
    cluster: 'demo',
    service: 'nope',
    'compare-with': 'service',
  }),
  // A deleted service: DescribeServices still lists it, DRAINING then INACTIVE.
  ...(['ecs-rolling-deploy', 'wait-healthy', 'rollback-digest'] as const).map(
    (action): [string, Case] => [
      `${action} service=old (deleted)`,
      { action, inputs: { service: 'old' }, expected: [DELETED, /in cluster 'demo'/] },
    ],
  ),
  [
    'render-task-def service=old (deleted)',
    {
      action: 'render-task-def',
      inputs: { cluster: 'demo', service: 'old', 'compare-with': 'service' },
      expected: [DELETED],
    },
  ],
  notFound('ecs-run-task', 'cluster', { cluster: 'nope' }),
  notFound('ecs-run-task', 'service', { service: 'nope' }, /of cluster 'demo'/),
  notFound('ecs-run-task', 'task-definition', { 'task-definition': 'nope:3' }),
  denied('ecs-run-task', 'ecs:RunTask', 'ecs:RunTask'),
  denied('ecs-run-task', 'ecs:ListTasks', 'ecs:ListTasks'),
  // Wrong task definition: DescribeTaskDefinition's "Unable to describe task definition."
  notFound('render-task-def', 'task-definition-family', { 'task-definition-family': 'nope' }),
  notFound('render-task-def', 'task-definition-family', { 'task-definition-family': 'web:99' }),
  notFound('render-task-def', 'task-definition-arn', {
    'task-definition-family': '',
    'task-definition-arn': TD_ARN,
  }),
  // Wrong repository, promoting by tag and pushing an OCI layout.
  notFound('push-ecr-digest', 'repository', { repository: 'nope' }, /create-repository: true/),
  notFound(
    'push-ecr-digest',
    'repository',
    { repository: 'team/nope', 'source-tag': '', 'oci-layout': 'layout', tags: 'v9' },
    /create-repository: true/,
  ),
  // A promotion's source that is not in the repository (BatchGetImage failures[]).
  [
    'push-ecr-digest source-tag=nope',
    {
      action: 'push-ecr-digest',
      inputs: { 'source-tag': 'nope' },
      expected: [input('source-tag', 'nope'), /ECR repository 'web'/],
    },
  ],
  [
    `push-ecr-digest source-digest=${SOME_DIGEST}`,
    {
      action: 'push-ecr-digest',
      inputs: { 'source-tag': '', 'source-digest': SOME_DIGEST },
      expected: [input('source-digest', SOME_DIGEST), /ECR repository 'web'/],
    },
  ],
  // One call denied: the IAM action to grant, and the principal AWS named.
  denied('ecs-rolling-deploy', 'ecs:DescribeServices', 'ecs:DescribeServices', {}, /'demo'/),
  denied('ecs-rolling-deploy', 'ecs:RegisterTaskDefinition', 'ecs:RegisterTaskDefinition'),
  denied('wait-healthy', 'ecs:DescribeServices', 'ecs:DescribeServices', {}, /'web'/),
  denied(
    'wait-healthy',
    'elbv2:DescribeTargetHealth',
    'elasticloadbalancing:DescribeTargetHealth',
    { 'check-target-health': 'true' },
  ),
  denied('rollback-digest', 'ecs:ListServiceDeployments', 'ecs:ListServiceDeployments'),
  denied(
    'render-task-def',
    'ecs:DescribeTaskDefinition',
    'ecs:DescribeTaskDefinition',
    {},
    /input 'task-definition-family' is 'web'/,
  ),
  denied('push-ecr-digest', 'ecr:DescribeRepositories', 'ecr:DescribeRepositories', {}, /'web'/),
  denied('push-ecr-digest', 'ecr:BatchGetImage', 'ecr:BatchGetImage'),
];

let fixture: SimFixture;

beforeAll(async () => {
  const seed = seedWithImages({ v2: '' });
  const [web] = seed.services ?? [];
  if (web === undefined) throw new Error('the default seed has no service');
  fixture = await simFixture({
    ...seed,
    services: [
      ...(seed.services ?? []),
      { ...web, serviceName: 'old', desiredCount: 0, loadBalancers: [] },
    ],
  });
  fixture.writeTaskDefinition('td.json', `${fixture.registry}/web@${SOME_DIGEST}`);
  // Deleted the way a user would: DeleteService (ECS API reference) keeps it describable.
  const response = await fetch(fixture.sim.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonEC2ContainerServiceV20141113.DeleteService',
    },
    body: JSON.stringify({ cluster: 'demo', service: 'old', force: true }),
  });
  if (!response.ok) throw new Error(`DeleteService: ${await response.text()}`);
}, 60_000);
afterAll(async () => {
  await fixture.close();
});

describe('an AWS error an input caused names the input, its value and what to check', () => {
  it.each(CASES)('%s', async (_name, testCase) => {
    await bundleReady(testCase.action);
    fixture.sim.faults.clear();
    if (testCase.fault !== undefined) fixture.sim.faults.add(testCase.fault);
    const mark = fixture.sim.log.mark();
    const action = testCase.action as keyof typeof BASE;
    const result = await fixture.step(
      action,
      { ...BASE[action], ...testCase.inputs },
      { env: GITHUB_ENV },
    );
    fixture.sim.faults.clear();
    const errors = errorAnnotations(result);
    try {
      expect(result.exitCode).toBe(1);
      expect(errors).toHaveLength(1);
      for (const pattern of testCase.expected) expect(errors[0]).toMatch(pattern);
    } catch (error) {
      console.error(describeStep(result));
      throw error;
    }
    const changed = fixture.sim.log
      .entries({ mutating: true, afterSeq: mark })
      .filter((entry) => entry.error === undefined)
      .map((entry) => `${entry.service}:${entry.operation}`);
    expect(changed).toEqual([]);
  });
});
