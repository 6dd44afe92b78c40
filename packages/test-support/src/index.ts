// Test fixtures shared by the actions' bundle tests: a simulator, a workspace, and steps run the
// way the runner runs them against it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SEED, startSimulator, type Seed, type Simulator } from '@ecs-deploy/aws-sim';
import { actionDir, runStep, type StepOptions, type StepResult } from '@ecs-deploy/runner-harness';

/** A running simulator with a scratch workspace. */
export interface SimFixture {
  readonly sim: Simulator;
  /** The registry's `host:port`, as image references in task definitions use it. */
  readonly registry: string;
  readonly workspace: string;
  /** Writes a Fargate task definition of family `web` (container `app`) and returns its path. */
  writeTaskDefinition(file: string, image: string, overrides?: Record<string, unknown>): string;
  /** Runs an action's bundle against the simulator. */
  step(
    action: string,
    inputs: Record<string, string>,
    extra?: Partial<StepOptions>,
  ): Promise<StepResult>;
  /** Names of the mutating calls the simulator answered since `mark`. */
  mutatingSince(mark: number): string[];
  close(): Promise<void>;
}

/** The default seed, with more images in repository `web` (tag → scenario, '' for healthy). */
export function seedWithImages(images: Record<string, string>): Seed {
  return {
    ...DEFAULT_SEED,
    repositories: [
      {
        name: 'web',
        imageTagMutability: 'MUTABLE',
        images: [
          { tag: 'v1' },
          ...Object.entries(images).map(([tag, scenario]) =>
            scenario === '' ? { tag } : { tag, scenario },
          ),
        ],
      },
    ],
  };
}

/** Starts a simulator (fast clock by default) and a workspace for one test. */
export async function simFixture(seed: Seed, speed = 30): Promise<SimFixture> {
  const sim = await startSimulator({ seed, speed });
  const workspace = mkdtempSync(join(tmpdir(), 'fixture-'));
  const registry = sim.ctx.registry.host;
  const results: StepResult[] = [];
  return {
    sim,
    registry,
    workspace,
    writeTaskDefinition: (file, image, overrides = {}) =>
      writeTaskDefinition(workspace, file, image, overrides),
    step: async (action, inputs, extra = {}) => {
      const result = await runStep({
        actionDir: actionDir(action),
        inputs,
        cwd: workspace,
        timeoutMs: 120_000,
        ...extra,
        env: { ...sim.env, ...(extra.env ?? {}) },
      });
      results.push(result);
      return result;
    },
    mutatingSince: (mark) =>
      sim.log
        .entries({ mutating: true, afterSeq: mark })
        .map((entry) => `${entry.service}:${entry.operation}`),
    close: async () => {
      for (const result of results) result.cleanup();
      await sim.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

/** The error annotations of a step, joined. */
export function errorsOf(result: StepResult): string {
  return result.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n');
}

/** Writes a Fargate task definition of family `web` (container `app`) under `dir`; returns its path. */
export function writeTaskDefinition(
  dir: string,
  file: string,
  image: string,
  overrides: Record<string, unknown> = {},
): string {
  const path = join(dir, file);
  const definition = {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    containerDefinitions: [
      {
        name: 'app',
        image,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
      },
    ],
    ...overrides,
  };
  writeFileSync(path, JSON.stringify(definition, null, 2));
  return path;
}

/** What ECR's GetAuthorizationToken answers: the proxy endpoint, its host, the token and password. */
export async function ecrLogin(
  sim: Simulator,
): Promise<{ endpoint: string; host: string; token: string; password: string }> {
  const response = await fetch(sim.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken',
    },
    body: '{}',
  });
  const body = (await response.json()) as {
    authorizationData: { authorizationToken: string; proxyEndpoint: string }[];
  };
  const data = body.authorizationData[0];
  const token = data?.authorizationToken ?? '';
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const endpoint = data?.proxyEndpoint ?? '';
  return {
    endpoint,
    host: endpoint.replace(/^https?:\/\//, ''),
    token,
    password: decoded.slice(decoded.indexOf(':') + 1),
  };
}
