// The whole chain of workflows-examples/deploy.yml (tag → build's push → deploy-dev's render and
// ecs-rolling-deploy, which follows its deployment to healthy) through the bundles, each step run
// by runner-harness's runStep exactly as the runner runs it, against the simulator at speed 1 with
// the embedded OCI registry. Overhead = wall time − the simulated rollout (UpdateService → the
// deployment's "deployment completed." event): what our steps cost on top of ECS itself.
// The request log gives the API calls of one deploy by operation.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { startSimulator } from '@ecs-deploy/aws-sim';
import { startEmbeddedRegistry } from '@ecs-deploy/aws-sim/registry';
import { buildImage, ociArchiveBytes } from '@ecs-deploy/oci';
import { runStep, type StepResult } from '@ecs-deploy/runner-harness';
import { GITHUB_ENV, SHA, taskDefinition, type ActionInfo, type Workspace } from './actions.js';
import { onCleanup } from './cleanup.js';
import { CLUSTER, benchSeed } from './sim-seed.js';
import { summarize, type Summary } from './stats.js';

export const CHAIN_STEPS = [
  'compute-image-tag',
  'push-ecr-digest',
  'render-task-def',
  'ecs-rolling-deploy',
] as const;

export interface StepFigure {
  readonly step: string;
  readonly wallMs: number;
  readonly exitCode: number | null;
  /** AWS calls the step made, by `service:Operation` (all attempts). */
  readonly calls: Record<string, number>;
  readonly error?: string;
}

export interface ChainRun {
  readonly steps: StepFigure[];
  readonly wallMs: number;
  /** UpdateService → "deployment completed." in simulated (= wall, at speed 1) time. */
  readonly rolloutMs: number | undefined;
  readonly overheadMs: number | undefined;
  readonly result: string | undefined;
}

export interface ChainResult {
  readonly runs: ChainRun[];
  readonly wallMs: Summary | undefined;
  readonly rolloutMs: Summary | undefined;
  readonly overheadMs: Summary | undefined;
  /** Calls of one deploy (render + ecs-rolling-deploy), by operation: median over runs. */
  readonly deployCalls: Record<string, number>;
}

/** Steps of the chain whose bundle is not in dist/ (the chain cannot run without them). */
export function missingChainSteps(actions: readonly ActionInfo[]): string[] {
  const built = new Set(actions.filter((a) => a.built).map((a) => a.name));
  return CHAIN_STEPS.filter((s) => !built.has(s));
}

/** Runs the chain `reps` times, each on a fresh simulator. */
export async function chain(
  actions: readonly ActionInfo[],
  ws: Workspace,
  reps: number,
  log: (line: string) => void,
): Promise<ChainResult> {
  const missing = missingChainSteps(actions);
  if (missing.length > 0)
    throw new Error(`chain: not in dist/: ${missing.join(', ')} (node scripts/build.mjs <name>)`);
  const built = new Map(actions.filter((a) => a.built).map((a) => [a.name, a.stepDir]));
  const archive = join(ws.dir, 'image.oci.tar');
  writeFileSync(
    archive,
    ociArchiveBytes(buildImage({ layers: [{ 'app/main.py': 'print("chain")\n' }] })),
  );
  writeFileSync(
    join(ws.dir, 'task-definition.json'),
    JSON.stringify(taskDefinition('app', '<IMAGE>'), null, 2),
  );
  const runs: ChainRun[] = [];
  for (let i = 0; i < reps; i++) {
    runs.push(await chainOnce(ws, archive, built));
    const last = runs.at(-1);
    log(
      `  chain ${i + 1}/${reps}: ${last?.result ?? 'incomplete'} in ${Math.round((last?.wallMs ?? 0) / 100) / 10} s`,
    );
  }
  const complete = runs.filter((r) => r.overheadMs !== undefined);
  const deployCalls: Record<string, number> = {};
  const ops = new Set(
    runs.flatMap((r) =>
      r.steps
        .filter((s) => s.step === 'render-task-def' || s.step === 'ecs-rolling-deploy')
        .flatMap((s) => Object.keys(s.calls)),
    ),
  );
  for (const op of ops) {
    const perRun = runs.map((r) =>
      r.steps
        .filter((s) => s.step === 'render-task-def' || s.step === 'ecs-rolling-deploy')
        .reduce((sum, s) => sum + (s.calls[op] ?? 0), 0),
    );
    deployCalls[op] = summarize(perRun)?.p50 ?? 0;
  }
  return {
    runs,
    wallMs: summarize(complete.map((r) => r.wallMs)),
    rolloutMs: summarize(complete.flatMap((r) => (r.rolloutMs === undefined ? [] : [r.rolloutMs]))),
    overheadMs: summarize(
      complete.flatMap((r) => (r.overheadMs === undefined ? [] : [r.overheadMs])),
    ),
    deployCalls,
  };
}

async function chainOnce(
  ws: Workspace,
  archive: string,
  stepDirs: ReadonlyMap<string, string>,
): Promise<ChainRun> {
  const sim = await startSimulator({
    seed: benchSeed([{ name: 'web', breaker: 'rollback' }]),
    speed: 1,
    registry: (policy, now) => startEmbeddedRegistry({ policy, now }),
  });
  const close = onCleanup('chain simulator', () => sim.close());
  const results: StepResult[] = [];
  const steps: StepFigure[] = [];
  const env = { ...sim.env, ...GITHUB_ENV };
  const started = Date.now();
  let outputs = new Map<string, string>();
  const run = async (name: string, inputs: Record<string, string>): Promise<boolean> => {
    const dir = stepDirs.get(name);
    if (dir === undefined) throw new Error(`chain: ${name} is not built`);
    const mark = sim.log.mark();
    const result = await runStep({
      actionDir: dir,
      inputs,
      env,
      cwd: ws.dir,
      timeoutMs: 240_000,
    });
    results.push(result);
    const calls: Record<string, number> = {};
    for (const e of sim.log.entries({ afterSeq: mark })) {
      const key = `${e.service}:${e.operation}`;
      calls[key] = (calls[key] ?? 0) + 1;
    }
    const error = result.annotations.find((a) => a.level === 'error')?.message;
    steps.push({
      step: name,
      wallMs: result.durationMs,
      exitCode: result.exitCode,
      calls,
      ...(error === undefined ? {} : { error }),
    });
    outputs = result.outputs;
    return result.exitCode === 0;
  };
  try {
    if (!(await run('compute-image-tag', { environment: 'dev', sha: SHA }))) return incomplete();
    const tags = outputs.get('tags') ?? '';
    if (!(await run('push-ecr-digest', { repository: 'app', 'oci-archive': archive, tags })))
      return incomplete();
    const digest = outputs.get('digest') ?? '';
    const rendered = await run('render-task-def', {
      'task-definition': 'task-definition.json',
      'container-name': 'app',
      image: digest,
      repository: 'app',
      'environment-variables': `APP_ENV=dev\nRELEASE=${tags.split('\n')[0] ?? ''}`,
      cluster: CLUSTER,
      service: 'web',
    });
    if (!rendered) return incomplete();
    const path = outputs.get('task-definition') ?? '';
    const deployed = await run('ecs-rolling-deploy', {
      cluster: CLUSTER,
      service: 'web',
      'task-definition': path,
    });
    const wallMs = Date.now() - started;
    const deploymentId = outputs.get('deployment-id') ?? '';
    const update = sim.log.entries({ service: 'ecs', operation: 'UpdateService' }).at(-1);
    const client = new ECSClient({
      region: sim.env.AWS_REGION,
      endpoint: sim.endpoint,
      credentials: {
        accessKeyId: sim.env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: sim.env.AWS_SECRET_ACCESS_KEY ?? '',
      },
    });
    let completedAt: number | undefined;
    try {
      const answer = await client.send(
        new DescribeServicesCommand({ cluster: CLUSTER, services: ['web'] }),
      );
      completedAt = answer.services?.[0]?.events
        ?.find((e) => e.message?.includes(`(deployment ${deploymentId}) deployment completed.`))
        ?.createdAt?.getTime();
    } finally {
      client.destroy();
    }
    const rolloutMs =
      update !== undefined && completedAt !== undefined ? completedAt - update.time : undefined;
    return {
      steps,
      wallMs,
      rolloutMs,
      overheadMs: deployed && rolloutMs !== undefined ? wallMs - rolloutMs : undefined,
      result: deployed
        ? (outputs.get('result') ?? 'deployed')
        : `failed: ${steps.at(-1)?.error ?? ''}`,
    };
  } finally {
    for (const r of results) r.cleanup();
    await close();
  }

  function incomplete(): ChainRun {
    const last = steps.at(-1);
    return {
      steps,
      wallMs: Date.now() - started,
      rolloutMs: undefined,
      overheadMs: undefined,
      result:
        last !== undefined && last.exitCode !== 0
          ? `${last.step} failed: ${last.error ?? `exit ${last.exitCode}`}`
          : undefined,
    };
  }
}
