// Services whose deployments ECS does not run (deploymentController CODE_DEPLOY or EXTERNAL),
// created through the ECS API on the simulator: each action that deploys or follows refuses them,
// through its bundle, before any mutating call.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateServiceCommand, DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { DEFAULT_SEED } from '@ecs-deploy/aws-sim';
import { errorsOf, simFixture, type SimFixture } from '@ecs-deploy/test-support';
import { awsCli } from '@ecs-deploy/test-support/aws-cli';
import { AWS_CLI, requireTool } from '@ecs-deploy/test-support/tools';

let fixture: SimFixture;
let ecs: ECSClient;

beforeAll(async () => {
  fixture = await simFixture(DEFAULT_SEED);
  ecs = new ECSClient({
    endpoint: fixture.sim.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
  });
  for (const type of ['CODE_DEPLOY', 'EXTERNAL'] as const)
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'demo',
        serviceName: `web-${type.toLowerCase()}`,
        taskDefinition: 'web:1',
        desiredCount: 1,
        launchType: 'FARGATE',
        deploymentController: { type },
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: ['subnet-0sim0000000000001'],
            assignPublicIp: 'DISABLED',
          },
        },
      }),
    );
});
afterAll(async () => {
  ecs.destroy();
  await fixture.close();
});

describe.each(['CODE_DEPLOY', 'EXTERNAL'])('a service with the %s controller', (type) => {
  const service = `web-${type.toLowerCase()}`;

  it('is stored with its controller, as ECS returns it', async () => {
    const answer = await ecs.send(
      new DescribeServicesCommand({ cluster: 'demo', services: [service] }),
    );
    expect(answer.services?.[0]?.deploymentController).toEqual({ type });
  });

  it.each([
    ['ecs-rolling-deploy', 'Nothing was registered or updated.'],
    ['rollback-digest', 'Nothing was rolled back.'],
    ['wait-healthy', 'following a deployment works only with ECS-controlled services'],
  ])('%s refuses it and changes nothing', async (action, said) => {
    const file = fixture.writeTaskDefinition(`td-${action}.json`, `${fixture.registry}/web:v1`);
    const inputs: Record<string, string> = { cluster: 'demo', service };
    if (action === 'ecs-rolling-deploy') inputs['task-definition'] = file;
    if (action === 'rollback-digest') inputs.digest = `sha256:${'a'.repeat(64)}`;
    const mark = fixture.sim.log.mark();
    const result = await fixture.step(action, inputs);
    expect(result.exitCode).toBe(1);
    const errors = errorsOf(result);
    expect(errors).toContain(`Service '${service}' has the deployment controller ${type}`);
    expect(errors).toContain(said);
    expect(fixture.mutatingSince(mark)).toEqual([]);
  });
});

describe('through the AWS CLI, a client we did not write', () => {
  requireTool(AWS_CLI).it(
    'create-service --deployment-controller type=CODE_DEPLOY; describe-services shows it; ecs-rolling-deploy refuses it untouched',
    async () => {
      const cli = awsCli({ endpoint: fixture.sim.endpoint, env: fixture.sim.env });
      try {
        await cli.json([
          'ecs',
          'create-service',
          '--cluster',
          'demo',
          '--service-name',
          'web-cli',
          '--task-definition',
          'web:1',
          '--desired-count',
          '1',
          '--launch-type',
          'FARGATE',
          '--deployment-controller',
          'type=CODE_DEPLOY',
          '--network-configuration',
          'awsvpcConfiguration={subnets=[subnet-0sim0000000000001],assignPublicIp=DISABLED}',
        ]);
        const described = await cli.json<{ services: { deploymentController?: unknown }[] }>([
          'ecs',
          'describe-services',
          '--cluster',
          'demo',
          '--services',
          'web-cli',
        ]);
        expect(described.services[0]?.deploymentController).toEqual({ type: 'CODE_DEPLOY' });
      } finally {
        cli.close();
      }
      const file = fixture.writeTaskDefinition('td-cli.json', `${fixture.registry}/web:v1`);
      const mark = fixture.sim.log.mark();
      const result = await fixture.step('ecs-rolling-deploy', {
        cluster: 'demo',
        service: 'web-cli',
        'task-definition': file,
      });
      expect(result.exitCode).toBe(1);
      expect(errorsOf(result)).toContain(
        "Service 'web-cli' has the deployment controller CODE_DEPLOY",
      );
      expect(fixture.mutatingSince(mark)).toEqual([]);
    },
    60_000,
  );
});
