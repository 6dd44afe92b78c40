// A simulator with the embedded OCI registry (so pushes really go over HTTP and registry faults
// can be injected), a workspace, and steps run from the bundles the way the runner runs them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type LogEntry, type Seed, type Simulator } from '@ecs-deploy/aws-sim';
import {
  startEmbeddedRegistry,
  type EmbeddedRegistry,
  type RegistryBackend,
} from '@ecs-deploy/aws-sim/registry';
import { actionDir, runStep, type StepOptions, type StepResult } from '@ecs-deploy/runner-harness';
import { writeTaskDefinition } from '@ecs-deploy/test-support';
import { GITHUB_ENV, bundleReady, type ActionName } from './support.js';

/** The simulator, its registry and a workspace. */
export interface World {
  readonly sim: Simulator;
  readonly registry: EmbeddedRegistry;
  /** The registry's `host:port`, as image references use it. */
  readonly host: string;
  readonly workspace: string;
  /** Runs an action's bundle against the simulator (GITHUB_* of a push to main included). */
  step(
    action: ActionName,
    inputs: Readonly<Record<string, string>>,
    extra?: Pick<StepOptions, 'cancel' | 'timeoutMs' | 'env'>,
  ): Promise<StepResult>;
  /** Writes a Fargate task definition of family `web` (container `app`) and returns its path. */
  writeTaskDefinition(file: string, image: string, overrides?: Record<string, unknown>): string;
  /** The mutating calls the simulator answered after `mark`. */
  mutatingSince(mark: number): LogEntry[];
  close(): Promise<void>;
}

/** How the world differs from the plain one. */
export interface WorldOptions {
  /**
   * The password ECR's GetAuthorizationToken hands out, when it should not be the one the
   * registry accepts (a registry refusing the credentials).
   */
  readonly advertisedPassword?: string;
}

/** The registry as ECR describes it, with another password than the registry accepts. */
function advertising(real: EmbeddedRegistry, password: string): RegistryBackend {
  return {
    host: real.host,
    username: real.username,
    password,
    getManifest: (repository, reference) => real.getManifest(repository, reference),
    getBlob: (repository, digest) => real.getBlob(repository, digest),
    putManifest: (repository, reference, body, mediaType) =>
      real.putManifest(repository, reference, body, mediaType),
    listImages: (repository) => real.listImages(repository),
    deleteTag: (repository, tag) => real.deleteTag(repository, tag),
    close: () => real.close(),
  };
}

/** Starts a simulator on `seed` with the embedded registry and the clock at `speed`. */
export async function startWorld(
  seed: Seed,
  speed: number,
  options: WorldOptions = {},
): Promise<World> {
  let registry: EmbeddedRegistry | undefined;
  const sim = await startSimulator({
    seed,
    speed,
    registry: async (policy, now) => {
      registry = await startEmbeddedRegistry({ policy, now });
      return options.advertisedPassword === undefined
        ? registry
        : advertising(registry, options.advertisedPassword);
    },
  });
  if (registry === undefined) throw new Error('the simulator did not start the registry');
  const workspace = mkdtempSync(join(tmpdir(), 'acceptance-'));
  const results: StepResult[] = [];
  return {
    sim,
    registry,
    host: sim.ctx.registry.host,
    workspace,
    step: async (action, inputs, extra = {}) => {
      await bundleReady(action);
      const result = await runStep({
        actionDir: actionDir(action),
        inputs,
        cwd: workspace,
        timeoutMs: extra.timeoutMs ?? 90_000,
        ...(extra.cancel === undefined ? {} : { cancel: extra.cancel }),
        env: { ...sim.env, ...GITHUB_ENV, ...extra.env },
      });
      results.push(result);
      return result;
    },
    writeTaskDefinition: (file, image, overrides = {}) =>
      writeTaskDefinition(workspace, file, image, overrides),
    mutatingSince: (mark) => sim.log.entries({ mutating: true, afterSeq: mark }),
    close: async () => {
      for (const result of results) result.cleanup();
      await sim.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}
