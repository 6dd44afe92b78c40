// The local world the example workflows run in: a simulator with two ECS clusters (dev, prod),
// an ECR repository backed by the embedded registry, and a checked-out "repository" with an app,
// a Dockerfile and a task definition.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Seed, type Simulator } from '@ecs-deploy/aws-sim';
import { startEmbeddedRegistry } from '@ecs-deploy/aws-sim/registry';
import type { RepositorySettings, RunWorkflowOptions } from '@ecs-deploy/workflow-runner';
import { buildOciArchive } from './oci-build.js';

/** The account and region of the simulated AWS (a variable, never a secret, in the examples). */
export const ACCOUNT_ID = '123456789012';
/** The region of the simulated AWS. */
export const REGION = 'us-east-1';
/** ECR repository, ECS service and container name, the same in both environments. */
export const NAMES = { repository: 'web', service: 'web', container: 'app' } as const;

/**
 * The two services of deploy-services.yml, in dev: each name is its ECR repository, its ECS
 * service and its container. Only the API sits behind a load balancer.
 */
export const SERVICES = { api: 'api', worker: 'worker' } as const;

function targetGroup(name: string): NonNullable<Seed['targetGroups']>[number] {
  // Short health checks and draining so a rollout takes about a simulated minute.
  return {
    name,
    port: 8080,
    healthCheckIntervalSeconds: 5,
    healthyThresholdCount: 2,
    unhealthyThresholdCount: 2,
    deregistrationDelaySeconds: 5,
  };
}

function service(cluster: string): NonNullable<Seed['services']>[number] {
  return {
    cluster,
    serviceName: NAMES.service,
    taskDefinition: NAMES.service,
    desiredCount: 2,
    deploymentConfiguration: {
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    },
    loadBalancers: [
      { targetGroup: `web-${cluster}`, containerName: NAMES.container, containerPort: 8080 },
    ],
    launchType: 'FARGATE',
    // An awsvpc service's network, which ecs-run-task copies for the migration.
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: [`subnet-0${cluster}a000000000001`, `subnet-0${cluster}b000000000002`],
        securityGroups: [`sg-0${cluster}0000000000001`],
        assignPublicIp: 'DISABLED',
      },
    },
  };
}

/** A task definition as the seed and the files hold it (RegisterTaskDefinition input). */
export type TaskDefinitionInput = NonNullable<Seed['taskDefinitions']>[number];

/** The task definition the "repository" keeps in ecs/task-definition.json. */
export function taskDefinitionFile(image = 'web:placeholder'): TaskDefinitionInput {
  return {
    family: NAMES.service,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/ecsTaskExecutionRole`,
    containerDefinitions: [
      {
        name: NAMES.container,
        image,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': `/ecs/${NAMES.service}`,
            'awslogs-region': REGION,
            'awslogs-stream-prefix': NAMES.service,
          },
        },
      },
    ],
  };
}

/** The task definition of one of deploy-services.yml's services (ecs/<name>.json). */
export function serviceTaskDefinition(
  name: string,
  image = `${name}:placeholder`,
): TaskDefinitionInput {
  const api = name === SERVICES.api;
  return {
    ...taskDefinitionFile(),
    family: name,
    containerDefinitions: [
      {
        name,
        image,
        essential: true,
        ...(api ? { portMappings: [{ containerPort: 8000, protocol: 'tcp' }] } : {}),
      },
    ],
  };
}

function twoServices(): Pick<Seed, 'targetGroups' | 'taskDefinitions' | 'services'> {
  const seeded = (name: string): NonNullable<Seed['services']>[number] => ({
    ...service('dev'),
    serviceName: name,
    taskDefinition: name,
    loadBalancers:
      name === SERVICES.api
        ? [{ targetGroup: 'api-dev', containerName: name, containerPort: 8000 }]
        : [],
  });
  return {
    targetGroups: [{ ...targetGroup('api-dev'), port: 8000 }],
    taskDefinitions: Object.values(SERVICES).map((name) =>
      serviceTaskDefinition(name, `{{registry}}/${name}:v1`),
    ),
    services: Object.values(SERVICES).map(seeded),
  };
}

/**
 * Two clusters with one service each, both running the seeded image `web:v1`; and in dev the API
 * and worker services of deploy-services.yml, on `api:v1` and `worker:v1`.
 */
export function exampleSeed(): Seed {
  const services = twoServices();
  return {
    account: ACCOUNT_ID,
    region: REGION,
    clusters: ['dev', 'prod'],
    targetGroups: [
      targetGroup('web-dev'),
      targetGroup('web-prod'),
      ...(services.targetGroups ?? []),
    ],
    repositories: [NAMES.repository, ...Object.values(SERVICES)].map((name) => ({
      name,
      imageTagMutability: 'IMMUTABLE' as const,
      images: [{ tag: 'v1' }],
    })),
    taskDefinitions: [
      taskDefinitionFile('{{registry}}/web:v1'),
      ...(services.taskDefinitions ?? []),
    ],
    services: [service('dev'), service('prod'), ...(services.services ?? [])],
  };
}

/** What a release of the app looks like: its server code and whether its container starts. */
export interface Release {
  readonly version: string;
  /** When true the image carries `sim.scenario=exit-on-start:1`: its tasks exit at start. */
  readonly broken?: boolean;
  /** When true its database migration fails (exit 1, with a traceback). */
  readonly failingMigration?: boolean;
}

/** The command deploy.yml runs as the migration (repository variable MIGRATE_COMMAND). */
export const MIGRATE_COMMAND = 'node /app/migrate.js';

/**
 * The labels that make the simulator run a release's migration: `sim.run-task` (how a task
 * started by RunTask behaves) and `sim.logs` (what it prints, lines split at `\n`).
 */
function migrationLabels(release: Release): string {
  const [scenario, logs] =
    release.failingMigration === true
      ? [
          'exit-after:3:1',
          `Applying app.0003_${release.version}...\nTraceback (most recent call last):\nrelation "orders" already exists (migration 0003_${release.version})`,
        ]
      : ['exit-after:3:0', `Applying app.0002_${release.version}... OK\nApplied 1 migration`];
  return `LABEL sim.run-task=${scenario}\nLABEL sim.logs=${JSON.stringify(logs)}\n`;
}

/** Writes the app of a release into the workspace: app/server.js, Dockerfile. */
export function writeRelease(workspace: string, release: Release): void {
  mkdirSync(join(workspace, 'app'), { recursive: true });
  writeFileSync(
    join(workspace, 'app', 'server.js'),
    `// ${release.version}\nrequire('node:http').createServer((_, res) => res.end('ok ${release.version}\\n')).listen(8080);\n`,
  );
  const label = release.broken === true ? 'LABEL sim.scenario=exit-on-start:1\n' : '';
  writeFileSync(
    join(workspace, 'Dockerfile'),
    `FROM node:24-slim\nCOPY app /app\nLABEL org.opencontainers.image.version=${release.version}\n${label}${migrationLabels(release)}CMD ["node", "/app/server.js"]\n`,
  );
}

/**
 * Writes a release of the API and the worker: one multi-stage Dockerfile (targets `api` and
 * `worker`) and their task definitions ecs/api.json and ecs/worker.json. A broken worker's image
 * carries `sim.scenario=exit-on-start:1`.
 */
export function writeServicesRelease(
  workspace: string,
  release: { readonly version: string; readonly brokenWorker?: boolean },
): void {
  writeRelease(workspace, { version: release.version });
  writeFileSync(
    join(workspace, 'app', 'worker.js'),
    `// ${release.version}\nsetInterval(() => console.log('working ${release.version}'), 5000);\n`,
  );
  const broken = release.brokenWorker === true ? 'LABEL sim.scenario=exit-on-start:1\n' : '';
  writeFileSync(
    join(workspace, 'Dockerfile'),
    [
      'FROM node:24-slim AS base',
      'COPY app /app',
      `LABEL org.opencontainers.image.version=${release.version}`,
      'FROM base AS api',
      'LABEL org.opencontainers.image.title=api',
      'CMD ["node", "/app/server.js"]',
      'FROM base AS worker',
      'LABEL org.opencontainers.image.title=worker',
      `${broken}CMD ["node", "/app/worker.js"]`,
      '',
    ].join('\n'),
  );
  mkdirSync(join(workspace, 'ecs'), { recursive: true });
  for (const name of Object.values(SERVICES))
    writeFileSync(
      join(workspace, 'ecs', `${name}.json`),
      JSON.stringify(serviceTaskDefinition(name), null, 2),
    );
}

/** Writes the task definition file the workflows read (pr-checks validates it). */
export function writeTaskDefinition(workspace: string, definition: unknown): void {
  mkdirSync(join(workspace, 'ecs'), { recursive: true });
  writeFileSync(
    join(workspace, 'ecs', 'task-definition.json'),
    JSON.stringify(definition, null, 2),
  );
}

/** The repository and environment settings the examples' headers ask for. */
export function exampleSettings(): RepositorySettings {
  return {
    repository: {
      vars: {
        AWS_ACCOUNT_ID: ACCOUNT_ID,
        AWS_REGION: REGION,
        ECR_REPOSITORY: NAMES.repository,
        ECS_SERVICE: NAMES.service,
        CONTAINER_NAME: NAMES.container,
        MIGRATE_COMMAND,
        ECR_REPOSITORY_API: SERVICES.api,
        ECR_REPOSITORY_WORKER: SERVICES.worker,
        ECS_SERVICE_API: SERVICES.api,
        ECS_SERVICE_WORKER: SERVICES.worker,
      },
    },
    environments: {
      dev: { vars: { ECS_CLUSTER: 'dev' } },
      prod: { vars: { ECS_CLUSTER: 'prod' }, reviewers: ['release-manager'] },
    },
  };
}

/** A running simulator plus a workspace; `options` are the runWorkflow options for it. */
export interface ExampleWorld {
  readonly sim: Simulator;
  readonly workspace: string;
  /** runWorkflow options for a workflow file: settings, AWS, stand-ins, workspace. */
  options(file: string, sha: string): RunWorkflowOptions;
  close(): Promise<void>;
}

/** Starts the simulator with the embedded registry and writes a workspace with release v2. */
export async function startWorld(speed: number): Promise<ExampleWorld> {
  const sim = await startSimulator({
    seed: exampleSeed(),
    speed,
    registry: (policy, now) => startEmbeddedRegistry({ policy, now }),
  });
  const workspace = mkdtempSync(join(tmpdir(), 'ecs-deploy-example-'));
  writeRelease(workspace, { version: 'v2' });
  writeTaskDefinition(workspace, taskDefinitionFile());
  // Only the variables that keep the SDK away from the machine's own AWS configuration.
  const env = Object.fromEntries(
    Object.entries(sim.env).filter(([key]) =>
      ['AWS_EC2_METADATA_DISABLED', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'].includes(key),
    ),
  );
  return {
    sim,
    workspace,
    options: (file, sha) => ({
      file,
      workspace,
      github: { sha, ref: 'refs/heads/main', repository: 'acme/api', actor: 'dev' },
      settings: exampleSettings(),
      aws: { endpoint: sim.endpoint, region: REGION, accountId: ACCOUNT_ID },
      env,
      standIns: { 'docker/build-push-action': buildOciArchive },
      stepTimeoutMs: 120_000,
    }),
    close: async () => {
      await sim.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}
