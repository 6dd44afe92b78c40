import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  waitUntilServicesStable,
} from '@aws-sdk/client-ecs';
import { BatchGetImageCommand, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { startEmbeddedRegistry } from '../src/registry/index.js';
import {
  ManualClock,
  parseSeed,
  SimConfigError,
  startSimulator,
  type Simulator,
} from '../src/index.js';
import { clientsFor, type Clients } from './helpers.js';

const YAML_SEED = `
# a deploying service and a scenario rule, in YAML
account: "111122223333"
region: eu-west-1
timings: { healthyWithoutChecksSeconds: 10 }
clusters: [prod]
repositories:
  - name: api
    images: [{ tag: v1 }, { tag: v2 }]
taskDefinitions:
  - family: api
    networkMode: awsvpc
    requiresCompatibilities: [FARGATE]
    cpu: "256"
    memory: "512"
    containerDefinitions:
      - name: app
        image: "{{account}}.dkr.ecr.{{region}}.amazonaws.com/api:v2"
services:
  - cluster: prod
    serviceName: api
    taskDefinition: api
    desiredCount: 2
    start: deploying
scenarios:
  - image: api:v2
    scenario: slow:30
`;

describe('seeds', () => {
  let sim: Simulator | undefined;
  let aws: Clients | undefined;
  afterEach(async () => {
    aws?.destroy();
    await sim?.close();
    sim = undefined;
    aws = undefined;
  });

  it('parses YAML and JSON, and rejects unknown keys and unquoted accounts', () => {
    expect(parseSeed(YAML_SEED).account).toBe('111122223333');
    expect(parseSeed('{"clusters": ["a"]}')).toEqual({ clusters: ['a'] });
    expect(parseSeed('')).toEqual({});
    expect(() => parseSeed('servces: []')).toThrow(SimConfigError);
    expect(() => parseSeed('account: 111122223333')).toThrow(/12-digit string/);
    expect(() => parseSeed('clusters: a')).toThrow(/must be a list/);
  });

  it('a YAML seed: account, region, ECR-style image names, a deploying service', async () => {
    sim = await startSimulator({ seed: parseSeed(YAML_SEED), clock: new ManualClock() });
    aws = clientsFor(sim);
    expect(sim.env.AWS_REGION).toBe('eu-west-1');
    const svc = (
      await aws.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['api'] }))
    ).services?.[0];
    expect(svc?.serviceArn).toBe('arn:aws:ecs:eu-west-1:111122223333:service/prod/api');
    expect(svc?.deployments?.[0]?.rolloutState).toBe('IN_PROGRESS');
    // slow:30: not healthy 30 s in, done once 30 s of RUNNING have passed.
    await sim.control.advance(30);
    const mid = (
      await aws.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['api'] }))
    ).services?.[0];
    expect(mid).toMatchObject({ runningCount: 2 });
    expect(mid?.deployments?.[0]?.rolloutState).toBe('IN_PROGRESS');
    const { now } = await sim.control.advance(30);
    expect(now).toBe(sim.ctx.clock.now());
    const done = (
      await aws.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['api'] }))
    ).services?.[0];
    expect(done?.deployments?.[0]?.rolloutState).toBe('COMPLETED');
  });

  it('the default seed works against the embedded registry (blobs pushed over HTTP)', async () => {
    sim = await startSimulator({
      speed: 50,
      registry: (policy, now) => startEmbeddedRegistry({ policy, now }),
    });
    aws = clientsFor(sim);
    expect(sim.ctx.registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
    const repos = await aws.ecr.send(new DescribeRepositoriesCommand({}));
    expect(repos.repositories?.[0]).toMatchObject({
      repositoryName: 'web',
      imageTagMutability: 'IMMUTABLE',
    });
    const image = await aws.ecr.send(
      new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1' }] }),
    );
    expect(image.images?.[0]?.imageId?.imageDigest).toMatch(/^sha256:/);
    const svc = (
      await aws.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))
    ).services?.[0];
    expect(svc).toMatchObject({ status: 'ACTIVE', desiredCount: 2, runningCount: 2 });
    expect(svc?.deployments?.[0]?.rolloutState).toBe('COMPLETED');
    // A label read from the image config (getBlob over HTTP) drives a real breaker rollback.
    const digest = await sim.control.pushImage({
      repository: 'web',
      tag: 'v2',
      scenario: 'exit-on-start:1',
    });
    const td = await aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          { name: 'app', image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/web@${digest}` },
        ],
      }),
    );
    const update = await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'web',
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
      }),
    );
    const ours = update.service?.deployments?.[0]?.id;
    await waitUntilServicesStable(
      { client: aws.ecs, maxWaitTime: 20, minDelay: 0.05, maxDelay: 0.1 },
      { cluster: 'demo', services: ['web'] },
    );
    const after = (
      await aws.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))
    ).services?.[0];
    expect(after?.deployments?.[0]?.id).not.toBe(ours);
    expect(after?.taskDefinition).toMatch(/task-definition\/web:1$/);
  });
});
