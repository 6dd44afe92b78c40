// The AWS CLI — botocore, not the JS SDK — as an independent client of the simulator: it builds
// its requests from AWS's own service models and parses the answers with them, so a wire shape
// only the JS SDK tolerates shows up here. Where both clients read the same thing, they must agree.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeServiceDeploymentsCommand,
  DescribeTaskDefinitionCommand,
  ListServiceDeploymentsCommand,
  ListTaskDefinitionFamiliesCommand,
  RegisterTaskDefinitionCommand,
  type Cluster,
  type RegisterTaskDefinitionCommandInput,
  type Service,
  type ServiceDeployment,
  type ServiceDeploymentBrief,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { DescribeRepositoriesCommand, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { stripReadOnlyFields, type TaskDefinitionDocument } from '@ecs-deploy/task-definition';
import { awsCli, awsCliHas, comparable, type AwsCli } from '@ecs-deploy/test-support/aws-cli';
import { AWS_CLI, requireThat, requireTool, SKOPEO } from '@ecs-deploy/test-support/tools';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';
import { startEmbeddedRegistry } from '../src/registry/index.js';
import { clientsFor, type Clients } from './helpers.js';

// Without `aws` every case below is still declared: skipped with the reason, or failing under
// CI=true. ECS's service-deployment commands need a CLI newer than Debian bookworm's awscli 2.9.
const withAws = requireTool(AWS_CLI);
const deploymentsCommand = withAws.met
  ? await awsCliHas('ecs', 'list-service-deployments')
  : undefined;
const withDeploymentCommands =
  deploymentsCommand === undefined
    ? withAws
    : requireThat(
        deploymentsCommand.has,
        `${deploymentsCommand.version} has no "aws ecs list-service-deployments" — install a newer AWS CLI`,
      );
const withSkopeo = requireTool(SKOPEO);

// The real-world task definitions of packages/task-definition, loaded exactly as
// real-task-definitions.test.ts loads them for the SDK: unwrapped, read-only fields stripped,
// explicit nulls dropped.
const FIXTURES = fileURLToPath(new URL('../../task-definition/test/fixtures/', import.meta.url));
const fixtureFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

function fixtureInput(file: string): RegisterTaskDefinitionCommandInput {
  const text = readFileSync(`${FIXTURES}${file}`, 'utf8').replace(/^\uFEFF/, '');
  const raw = JSON.parse(text) as Record<string, unknown>;
  const doc = (
    typeof raw.taskDefinition === 'object' && raw.taskDefinition !== null ? raw.taskDefinition : raw
  ) as TaskDefinitionDocument;
  const input = JSON.parse(
    JSON.stringify(stripReadOnlyFields(doc), (_k, v: unknown) => (v === null ? undefined : v)),
  ) as RegisterTaskDefinitionCommandInput;
  return { ...input, family: input.family ?? 'fixture' };
}

/** A settled SDK call: its output, or the error's name and message. */
type Settled<T> = { ok: true; value: T } | { ok: false; name: string; message: string };

async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    return { ok: false, name: error.name, message: error.message };
  }
}

/** A task definition without what differs between two registrations of the same input. */
function registered(definition: unknown): unknown {
  const fields = { ...(comparable(definition) as Record<string, unknown>) };
  for (const key of ['taskDefinitionArn', 'revision', 'registeredAt'])
    Reflect.deleteProperty(fields, key);
  return fields;
}

/**
 * Each `aws` process costs about a CPU-second; several of them share two cores with the rest of the
 * suite, so the concurrent cases get more than jest's default time.
 */
const CONCURRENT_TIMEOUT_MS = 180_000;

/** ECS's answer to a task definition over its 64 KiB quota (a ClientException). */
const TOO_LARGE = /^Actual length: '\d+'\. Max allowed length is '65536' bytes\.$/;

withAws.describe('the AWS CLI against the simulator', () => {
  let sim: Simulator;
  let sdk: Clients;
  let cli: AwsCli;
  /** Fixture file → whether the CLI registered it. */
  const cliRegistered = new Map<string, boolean>();

  beforeAll(async () => {
    // A manual clock: the world changes only on sim.advance, so the two clients see the same state.
    sim = await startSimulator({
      clock: new ManualClock(),
      registry: (policy, now) => startEmbeddedRegistry({ policy, now }),
    });
    sdk = clientsFor(sim, 1);
    cli = awsCli(sim);
  });
  afterAll(async () => {
    cli.close();
    sdk.destroy();
    await sim.close();
  });

  describe('register-task-definition --cli-input-json with every real-world fixture', () => {
    it.concurrent.each(fixtureFiles)(
      '%s: the same outcome as the SDK',
      async (file) => {
        const input = fixtureInput(file);
        const viaSdk = await settle(sdk.ecs.send(new RegisterTaskDefinitionCommand(input)));
        const viaCli = await cli.run([
          'ecs',
          'register-task-definition',
          '--cli-input-json',
          cli.inputFile(file, input),
        ]);
        cliRegistered.set(file, viaCli.ok);
        if (!viaSdk.ok) {
          expect(viaCli).toMatchObject({ ok: false, code: viaSdk.name, message: viaSdk.message });
          return;
        }
        expect(viaCli).toMatchObject({ ok: true });
        if (!viaCli.ok) return;
        const printed = (viaCli.output as { taskDefinition: TaskDefinition }).taskDefinition;
        // What the CLI sent was stored as what the SDK sent: the same definition, next revision.
        expect(registered(printed)).toEqual(registered(viaSdk.value.taskDefinition));
        expect(printed.revision).toBe((viaSdk.value.taskDefinition?.revision ?? 0) + 1);
        // And the CLI read the answer as the SDK reads that revision.
        const described = await sdk.ecs.send(
          new DescribeTaskDefinitionCommand({ taskDefinition: printed.taskDefinitionArn }),
        );
        expect(comparable(printed)).toEqual(comparable(described.taskDefinition));
      },
      CONCURRENT_TIMEOUT_MS,
    );

    it('registered the valid ones (21 of the 24 are valid ECS input)', () => {
      expect(cliRegistered.size).toBe(fixtureFiles.length);
      expect([...cliRegistered.values()].filter(Boolean).length).toBeGreaterThanOrEqual(20);
    });
  });

  it('describe-task-definition, by family and by ARN with its tags, reads as the SDK reads', async () => {
    const first = fixtureFiles[0] ?? '';
    const out = await sdk.ecs.send(
      new RegisterTaskDefinitionCommand({
        ...fixtureInput(first),
        family: 'cli-described',
        tags: [{ key: 'team', value: 'platform' }],
      }),
    );
    const arn = out.taskDefinition?.taskDefinitionArn ?? '';
    const [byFamily, byArn] = await Promise.all([
      cli.json<{ taskDefinition: TaskDefinition; tags?: unknown }>([
        'ecs',
        'describe-task-definition',
        '--task-definition',
        'cli-described',
      ]),
      cli.json(['ecs', 'describe-task-definition', '--task-definition', arn, '--include', 'TAGS']),
    ]);
    const viaSdk = await sdk.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }),
    );
    expect(comparable(byArn)).toEqual(comparable(viaSdk));
    expect(viaSdk.tags).toEqual([{ key: 'team', value: 'platform' }]);
    // Without --include TAGS, ECS leaves the tags out.
    expect(byFamily.tags).toBeUndefined();
    expect(comparable(byFamily.taskDefinition)).toEqual(comparable(viaSdk.taskDefinition));
  });

  it("refuses a task definition over ECS's 64 KiB limit (a 70 kB environment value)", async () => {
    // ECS service quota "Task definition size": 64 KiB; the refusal reads "Actual length: '66420'.
    // Max allowed length is '65536' bytes." (awsdocs/amazon-ecs-developer-guide#149).
    const input = {
      family: 'too-large',
      containerDefinitions: [
        {
          name: 'app',
          image: 'public.ecr.aws/nginx/nginx:1',
          memory: 512,
          environment: [{ name: 'BLOB', value: 'x'.repeat(70_000) }],
        },
      ],
    };
    const [viaSdk, viaCli] = await Promise.all([
      settle(sdk.ecs.send(new RegisterTaskDefinitionCommand(input))),
      cli.run([
        'ecs',
        'register-task-definition',
        '--cli-input-json',
        cli.inputFile('too-large.json', input),
      ]),
    ]);
    expect(viaSdk).toMatchObject({ ok: false, name: 'ClientException' });
    expect(viaCli).toMatchObject({ ok: false, code: 'ClientException' });
    if (viaSdk.ok || viaCli.ok) return;
    expect(viaSdk.message).toMatch(TOO_LARGE);
    expect(viaCli.message).toMatch(TOO_LARGE);
    const families = await sdk.ecs.send(
      new ListTaskDefinitionFamiliesCommand({ familyPrefix: 'too-large' }),
    );
    expect(families.families).toEqual([]);
  });

  describe('clusters and services', () => {
    const network =
      'awsvpcConfiguration={subnets=[subnet-0sim0000000000001],securityGroups=[sg-0sim000000000001]}';

    it('create-cluster makes the cluster the SDK describes', async () => {
      const created = await cli.json<{ cluster: Cluster }>([
        'ecs',
        'create-cluster',
        '--cluster-name',
        'cli',
      ]);
      expect(created.cluster).toMatchObject({ clusterName: 'cli', status: 'ACTIVE' });
      // CreateCluster answers with the cluster's tags; DescribeClusters only when asked to.
      const viaSdk = await sdk.ecs.send(
        new DescribeClustersCommand({ clusters: ['cli'], include: ['TAGS'] }),
      );
      expect(comparable(viaSdk.clusters)).toEqual([comparable(created.cluster)]);
    });

    it('create-service with each deployment controller; describe-services shows them', async () => {
      const targetGroups = await sdk.elb.send(new DescribeTargetGroupsCommand({ Names: ['web'] }));
      const targetGroupArn = targetGroups.TargetGroups?.[0]?.TargetGroupArn ?? '';
      const [rolling, blueGreen, external] = await Promise.all([
        // No --deployment-controller: ECS's default, the rolling update (ECS).
        cli.json<{ service: Service }>([
          'ecs',
          'create-service',
          '--cluster',
          'cli',
          '--service-name',
          'rolling',
          '--task-definition',
          'web',
          '--desired-count',
          '1',
          '--launch-type',
          'FARGATE',
          '--network-configuration',
          network,
        ]),
        cli.json<{ service: Service }>([
          'ecs',
          'create-service',
          '--cluster',
          'cli',
          '--service-name',
          'blue-green',
          '--task-definition',
          'web',
          '--desired-count',
          '1',
          '--launch-type',
          'FARGATE',
          '--network-configuration',
          network,
          '--load-balancers',
          `targetGroupArn=${targetGroupArn},containerName=app,containerPort=8080`,
          '--deployment-controller',
          'type=CODE_DEPLOY',
        ]),
        // "The only required parameter is the service name": the task definition, launch type
        // and network come with each task set (ECS developer guide, external deployments).
        cli.json<{ service: Service }>([
          'ecs',
          'create-service',
          '--cluster',
          'cli',
          '--service-name',
          'external',
          '--deployment-controller',
          'type=EXTERNAL',
        ]),
      ]);
      expect(rolling.service.deploymentController).toEqual({ type: 'ECS' });
      expect(blueGreen.service.deploymentController).toEqual({ type: 'CODE_DEPLOY' });
      expect(external.service.deploymentController).toEqual({ type: 'EXTERNAL' });
      expect(external.service.taskDefinition).toBeUndefined();

      const described = await cli.json<{ services: Service[] }>([
        'ecs',
        'describe-services',
        '--cluster',
        'cli',
        '--services',
        'rolling',
        'blue-green',
        'external',
      ]);
      expect(described.services.map((s) => [s.serviceName, s.deploymentController?.type])).toEqual([
        ['rolling', 'ECS'],
        ['blue-green', 'CODE_DEPLOY'],
        ['external', 'EXTERNAL'],
      ]);
      const viaSdk = await sdk.ecs.send(
        new DescribeServicesCommand({
          cluster: 'cli',
          services: ['rolling', 'blue-green', 'external'],
        }),
      );
      expect(comparable(described)).toEqual(comparable(viaSdk));
    });

    it('update-service cannot change the task definition of a CODE_DEPLOY service', async () => {
      const refused = await cli.run([
        'ecs',
        'update-service',
        '--cluster',
        'cli',
        '--service',
        'blue-green',
        '--task-definition',
        'web',
      ]);
      // ECS's words for it (UpdateService: with CODE_DEPLOY, a new task definition goes through
      // a CodeDeploy deployment).
      expect(refused).toMatchObject({
        ok: false,
        code: 'InvalidParameterException',
        message:
          'Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
      });
    });

    it("update-service starts a rolling deployment; the CLI's own services-stable waiter sees it finish", async () => {
      const current = await sdk.ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: 'web' }),
      );
      const next = await sdk.ecs.send(
        new RegisterTaskDefinitionCommand({
          ...(stripReadOnlyFields(
            current.taskDefinition as TaskDefinitionDocument,
          ) as unknown as RegisterTaskDefinitionCommandInput),
          family: 'web',
        }),
      );
      const nextArn = next.taskDefinition?.taskDefinitionArn ?? '';
      const updated = await cli.json<{ service: Service }>([
        'ecs',
        'update-service',
        '--cluster',
        'demo',
        '--service',
        'web',
        '--task-definition',
        nextArn,
      ]);
      expect(updated.service.deploymentController).toEqual({ type: 'ECS' });
      expect(
        updated.service.deployments?.map((d) => [d.status, d.taskDefinition, d.rolloutState]),
      ).toEqual([
        ['PRIMARY', nextArn, 'IN_PROGRESS'],
        ['ACTIVE', current.taskDefinition?.taskDefinitionArn, 'COMPLETED'],
      ]);

      // Ten simulated minutes: far more than two tasks need to start, pass health checks and
      // drain the old ones. The waiter's first poll then finds the service stable.
      sim.advance(600);
      const [stable, missing] = await Promise.all([
        cli.run(['ecs', 'wait', 'services-stable', '--cluster', 'demo', '--services', 'web']),
        cli.run(['ecs', 'wait', 'services-stable', '--cluster', 'demo', '--services', 'nope']),
      ]);
      expect(stable).toEqual({ ok: true, output: undefined });
      // botocore's ServicesStable waiter fails at once on failures[].reason == "MISSING".
      expect(missing).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^Waiter ServicesStable failed: [\s\S]*"MISSING"/),
      });
      const after = await sdk.ecs.send(
        new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }),
      );
      const service = after.services?.[0];
      expect(
        service?.deployments?.map((d) => [d.status, d.taskDefinition, d.rolloutState]),
      ).toEqual([['PRIMARY', nextArn, 'COMPLETED']]);
      expect(service?.runningCount).toBe(service?.desiredCount);
    });

    withDeploymentCommands.it(
      'list-service-deployments and describe-service-deployments read as the SDK reads',
      async () => {
        const listed = await cli.json<{ serviceDeployments: ServiceDeploymentBrief[] }>([
          'ecs',
          'list-service-deployments',
          '--cluster',
          'demo',
          '--service',
          'web',
        ]);
        const listedBySdk = await sdk.ecs.send(
          new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web' }),
        );
        expect(comparable(listed)).toEqual(comparable(listedBySdk));
        const latest = listed.serviceDeployments[0];
        expect(latest).toMatchObject({ status: 'SUCCESSFUL' });
        const arn = latest?.serviceDeploymentArn ?? '';
        const described = await cli.json<{ serviceDeployments: ServiceDeployment[] }>([
          'ecs',
          'describe-service-deployments',
          '--service-deployment-arns',
          arn,
        ]);
        const describedBySdk = await sdk.ecs.send(
          new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }),
        );
        expect(comparable(described)).toEqual(comparable(describedBySdk));
        expect(described.serviceDeployments.map((d) => d.status)).toEqual(['SUCCESSFUL']);
      },
    );

    it('elbv2 describe-target-health and sts get-caller-identity read as the SDK reads', async () => {
      const targetGroups = await sdk.elb.send(new DescribeTargetGroupsCommand({ Names: ['web'] }));
      const targetGroupArn = targetGroups.TargetGroups?.[0]?.TargetGroupArn ?? '';
      const [health, identity] = await Promise.all([
        cli.json<{ TargetHealthDescriptions: { TargetHealth: { State: string } }[] }>([
          'elbv2',
          'describe-target-health',
          '--target-group-arn',
          targetGroupArn,
        ]),
        cli.json(['sts', 'get-caller-identity']),
      ]);
      const healthBySdk = await sdk.elb.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }),
      );
      expect(comparable(health)).toEqual(comparable(healthBySdk));
      // The two tasks of the deployment above, healthy behind the target group.
      expect(health.TargetHealthDescriptions.map((t) => t.TargetHealth.State)).toEqual([
        'healthy',
        'healthy',
      ]);
      expect(comparable(identity)).toEqual(
        comparable(await sdk.sts.send(new GetCallerIdentityCommand({}))),
      );
    });
  });

  describe('ECR', () => {
    it('create-repository makes the repository the SDK describes', async () => {
      const created = await cli.json<{ repository: unknown }>([
        'ecr',
        'create-repository',
        '--repository-name',
        'cli/app',
        '--image-tag-mutability',
        'IMMUTABLE',
      ]);
      const viaSdk = await sdk.ecr.send(
        new DescribeRepositoriesCommand({ repositoryNames: ['cli/app'] }),
      );
      expect(comparable(viaSdk.repositories)).toEqual([comparable(created.repository)]);
      expect(created.repository).toMatchObject({ imageTagMutability: 'IMMUTABLE' });
    });

    it('get-login-password prints a password the registry accepts', async () => {
      const password = await cli.text(['ecr', 'get-login-password']);
      const token = await sdk.ecr.send(new GetAuthorizationTokenCommand({}));
      const data = token.authorizationData?.[0];
      const decoded = Buffer.from(data?.authorizationToken ?? '', 'base64').toString('utf8');
      expect(`AWS:${password}`).toBe(decoded);
      // What `docker login` does first: the registry API's version check with basic auth
      // (distribution's "GET /v2/"), which answers 401 to anyone else.
      const check = (user: string, secret: string): Promise<number> =>
        fetch(`${data?.proxyEndpoint ?? ''}/v2/`, {
          headers: {
            authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`,
          },
        }).then((response) => response.status);
      expect(await check('AWS', password)).toBe(200);
      expect(await check('AWS', `${password}-not`)).toBe(401);
    });

    withSkopeo.it('skopeo logs in with that password', async () => {
      const password = await cli.text(['ecr', 'get-login-password']);
      const token = await sdk.ecr.send(new GetAuthorizationTokenCommand({}));
      const host = (token.authorizationData?.[0]?.proxyEndpoint ?? '').replace(/^https?:\/\//, '');
      const dir = mkdtempSync(join(tmpdir(), 'skopeo-login-'));
      try {
        // Asynchronously: the embedded registry answers from this very process.
        const { stdout } = await promisify(execFile)('skopeo', [
          'login',
          '--tls-verify=false',
          '--authfile',
          join(dir, 'auth.json'),
          '--username',
          'AWS',
          '--password',
          password,
          host,
        ]);
        expect(stdout).toContain('Login Succeeded');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
