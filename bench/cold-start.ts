// Cold start of every bundled action, against bare `node -e 0` in the same interleaved rounds.
//
// Variants per action (all with valid inputs unless said otherwise):
// - main:    until the first AWS request has been answered. AWS_ENDPOINT_URL points at a closed
//            port on 127.0.0.1 with AWS_MAX_ATTEMPTS=1, so the step fails and exits right after
//            its first request; an action whose polling loop retries refused connections
//            (wait-healthy does, within its error budget) gets an endpoint that answers
//            AccessDenied instead, which every action treats as final. No-AWS actions: to exit.
// - denied:  the AccessDenied endpoint, to time when the first request reaches the wire.
// - load:    no inputs (defaults only, no GITHUB_SHA): the step fails on input parsing before it
//            builds any AWS client, so this is ~ module evaluation + exit.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionNode } from '@ecs-deploy/runner-harness';
import {
  createWorkspace,
  recipeFor,
  resetRunnerFiles,
  stepEnvironment,
  type ActionInfo,
  type Recipe,
  type Workspace,
} from './actions.js';
import { analyzeBundles, type BundleAnalysis } from './bundle-analysis.js';
import { removeAtEnd } from './cleanup.js';
import { closedPort, startDenyingEndpoint, type DenyingEndpoint } from './endpoint.js';
import { firstError, measure, type Measured } from './spawn.js';
import { pairedDifferences, shuffled, summarize, type Summary } from './stats.js';

export type EndpointMode = 'refused' | 'denied' | 'none';

/** What the calibration runs found out about one action. */
export interface Calibration {
  readonly action: string;
  readonly recipe: Recipe;
  /** How the main variant ends: after a refused connection, an AccessDenied answer, or no AWS. */
  readonly mainMode: EndpointMode;
  /** The first AWS operation the step sends (from the denying endpoint). */
  readonly firstOperation: string | undefined;
  /** Exit code and first error of each calibration run, for the record. */
  readonly notes: string[];
  /** Problems that make this action's figures suspect (e.g. no request with "valid" inputs). */
  readonly problems: string[];
}

/** Figures of one variant over all rounds. */
export interface VariantFigures {
  readonly wallMs: Summary | undefined;
  readonly rssBytes: Summary | undefined;
  /** Paired (same round) differences against bare node. */
  readonly wallOverNodeMs: Summary | undefined;
  readonly rssOverNodeBytes: Summary | undefined;
  /** Child CPU time (user + system) and its paired difference to bare node. */
  readonly cpuMs: Summary | undefined;
  readonly cpuOverNodeMs: Summary | undefined;
  /** Spawn → first request's arrival at the endpoint (denied variant only). */
  readonly firstRequestMs?: Summary | undefined;
  readonly firstRequestOverNodeMs?: Summary | undefined;
}

export interface ActionColdStart {
  readonly calibration: Calibration;
  readonly main: VariantFigures;
  readonly load: VariantFigures;
  readonly denied?: VariantFigures;
  /** Goal: ≤ 90 ms and ≤ 20 MiB over bare node (medians of the paired differences). */
  readonly goal: { readonly wall: boolean; readonly rss: boolean };
}

export interface ColdStartResult {
  readonly node: string;
  readonly nodeVersion: string;
  readonly rounds: number;
  readonly baseline: {
    readonly wallMs: Summary | undefined;
    readonly rssBytes: Summary | undefined;
    readonly cpuMs: Summary | undefined;
  };
  readonly actions: ActionColdStart[];
  /** Bytes and CPU profile by package (rebuilt with a source map); absent with --quick. */
  readonly analysis?: BundleAnalysis[];
}

export const GOAL_WALL_MS = 90;
export const GOAL_RSS_BYTES = 20 * 1024 * 1024;

interface Variant {
  readonly key: string;
  readonly args: readonly string[];
  readonly env: Record<string, string>;
  readonly endpoint: EndpointMode;
}

interface Sample {
  readonly run: Measured;
  readonly firstRequestMs: number | undefined;
}

const awsEnv = (endpoint: string): Record<string, string> => ({
  AWS_ENDPOINT_URL: endpoint,
  AWS_MAX_ATTEMPTS: '1',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCH00000000000',
  AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/nonexistent/bench-aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/bench-aws-credentials',
});

/** Measures every built action; `rounds` interleaved rounds after one warm-up round. */
export async function coldStart(
  actions: readonly ActionInfo[],
  rounds: number,
  log: (line: string) => void,
  profileRuns = 0,
): Promise<ColdStartResult> {
  const node = actionNode();
  const versionRun = await measure(node, ['-p', 'process.version'], {
    env: { PATH: process.env.PATH ?? '' },
    cwd: process.cwd(),
    timeoutMs: 10_000,
    probe: false,
  });
  const ws = await createWorkspace();
  const runnerTemp = removeAtEnd(mkdtempSync(join(tmpdir(), 'bench-runner-')));
  const refusedUrl = `http://127.0.0.1:${await closedPort()}`;
  const denying = await startDenyingEndpoint();
  const endpointUrl = (mode: EndpointMode): string =>
    mode === 'denied' ? denying.url : refusedUrl;

  const runVariant = async (v: Variant, timeoutMs = 20_000): Promise<Sample> => {
    resetRunnerFiles(runnerTemp);
    denying.reset();
    const run = await measure(node, v.args, { env: v.env, cwd: ws.dir, timeoutMs });
    const first = denying.first();
    return {
      run,
      firstRequestMs: v.endpoint === 'denied' && first ? first.at - run.startedAt : undefined,
    };
  };

  const baseline: Variant = {
    key: 'node -e 0',
    args: ['-e', '0'],
    env: stepEnvironment(runnerTemp, awsEnv(refusedUrl)),
    endpoint: 'refused',
  };
  const variants: Variant[] = [baseline];
  const perAction: {
    action: ActionInfo;
    calibration: Calibration;
    keys: Record<string, string>;
    main: Variant;
  }[] = [];

  for (const action of actions.filter((a) => a.built)) {
    const calibration = await calibrate(action, ws, runnerTemp, denying, endpointUrl, node);
    log(
      `  ${action.name}: main=${calibration.mainMode}, first request ${calibration.firstOperation ?? 'none'}${calibration.problems.length > 0 ? ` — PROBLEM: ${calibration.problems.join('; ')}` : ''}`,
    );
    const recipe = calibration.recipe;
    const main: Variant = {
      key: `${action.name}/main`,
      args: [action.main],
      env: stepEnvironment(
        runnerTemp,
        awsEnv(endpointUrl(calibration.mainMode)),
        action,
        recipe.inputs,
      ),
      endpoint: calibration.mainMode,
    };
    const loadEnv = stepEnvironment(runnerTemp, awsEnv(denying.url), action, {});
    delete loadEnv.GITHUB_SHA;
    const load: Variant = {
      key: `${action.name}/load`,
      args: [action.main],
      env: loadEnv,
      endpoint: 'denied',
    };
    const keys: Record<string, string> = { main: main.key, load: load.key };
    variants.push(main, load);
    if (recipe.callsAws && calibration.mainMode !== 'denied') {
      const denied: Variant = {
        key: `${action.name}/denied`,
        args: [action.main],
        env: stepEnvironment(runnerTemp, awsEnv(denying.url), action, recipe.inputs),
        endpoint: 'denied',
      };
      variants.push(denied);
      keys.denied = denied.key;
    } else if (calibration.mainMode === 'denied') {
      keys.denied = main.key;
    }
    perAction.push({ action, calibration, keys, main });
  }

  // One warm-up round (page cache, V8 code cache of node itself), then the measured rounds.
  for (const v of variants) await runVariant(v);
  const samples = new Map<string, Sample[]>(variants.map((v) => [v.key, []]));
  for (let round = 0; round < rounds; round++) {
    for (const v of shuffled(variants)) samples.get(v.key)?.push(await runVariant(v));
    log(`  round ${round + 1}/${rounds}`);
  }
  let analysis: BundleAnalysis[] | undefined;
  if (profileRuns > 0) {
    log('  rebuilding with source maps and profiling (--cpu-prof)…');
    const envs = new Map(perAction.map((p) => [p.action.name, p.main.env]));
    analysis = await analyzeBundles(
      perAction.map((p) => p.action),
      (a) => envs.get(a.name) ?? {},
      ws.dir,
      profileRuns,
    );
  }
  await denying.close();

  const base = samples.get(baseline.key) ?? [];
  const baseWall = base.map((s) => s.run.wallMs);
  const baseRss = base.map((s) => s.run.maxRssBytes ?? Number.NaN);
  const baseCpu = base.map((s) => s.run.cpuMs ?? Number.NaN);
  const figures = (key: string | undefined): VariantFigures => {
    const list = key === undefined ? [] : (samples.get(key) ?? []);
    const wall = list.map((s) => s.run.wallMs);
    const rss = list.map((s) => s.run.maxRssBytes ?? Number.NaN);
    const firsts = list.map((s) => s.firstRequestMs ?? Number.NaN);
    const cpu = list.map((s) => s.run.cpuMs ?? Number.NaN);
    const finite = (xs: number[]): number[] => xs.filter((x) => Number.isFinite(x));
    return {
      wallMs: summarize(wall),
      rssBytes: summarize(finite(rss)),
      wallOverNodeMs: summarize(pairedDifferences(wall, baseWall)),
      rssOverNodeBytes: summarize(finite(pairedDifferences(rss, baseRss))),
      cpuMs: summarize(finite(cpu)),
      cpuOverNodeMs: summarize(finite(pairedDifferences(cpu, baseCpu))),
      firstRequestMs: summarize(finite(firsts)),
      firstRequestOverNodeMs: summarize(finite(pairedDifferences(firsts, baseWall))),
    };
  };
  return {
    node,
    nodeVersion: versionRun.stdout.trim(),
    rounds,
    baseline: {
      wallMs: summarize(baseWall),
      rssBytes: summarize(baseRss),
      cpuMs: summarize(baseCpu.filter((x) => Number.isFinite(x))),
    },
    actions: perAction.map(({ calibration, keys }) => {
      const main = figures(keys.main);
      return {
        calibration,
        main,
        load: figures(keys.load),
        ...(keys.denied === undefined ? {} : { denied: figures(keys.denied) }),
        goal: {
          wall: (main.wallOverNodeMs?.p50 ?? Infinity) <= GOAL_WALL_MS,
          rss: (main.rssOverNodeBytes?.p50 ?? Infinity) <= GOAL_RSS_BYTES,
        },
      };
    }),
    ...(analysis === undefined ? {} : { analysis }),
  };
}

/** Runs the action once per endpoint to learn what it does and pick the main variant's ending. */
async function calibrate(
  action: ActionInfo,
  ws: Workspace,
  runnerTemp: string,
  denying: DenyingEndpoint,
  endpointUrl: (mode: EndpointMode) => string,
  node: string,
): Promise<Calibration> {
  const recipe = recipeFor(action, ws);
  const notes: string[] = [];
  const problems: string[] = [];
  const once = async (
    mode: EndpointMode,
    inputs: Readonly<Record<string, string>>,
    timeoutMs: number,
  ): Promise<{ run: Measured; first: ReturnType<DenyingEndpoint['first']>; count: number }> => {
    resetRunnerFiles(runnerTemp);
    denying.reset();
    const env = stepEnvironment(runnerTemp, awsEnv(endpointUrl(mode)), action, inputs);
    const run = await measure(node, [action.main], { env, cwd: ws.dir, timeoutMs });
    return { run, first: denying.first(), count: denying.count() };
  };

  const denied = await once('denied', recipe.inputs, 20_000);
  notes.push(
    `denied: exit ${denied.run.exitCode}, ${denied.count} request(s), first ${denied.first?.operation ?? '-'}; ${firstError(denied.run.stdout) ?? 'no error'}`,
  );
  if (!recipe.callsAws) {
    if (denied.count > 0) problems.push(`expected no AWS request, saw ${denied.count}`);
    if (denied.run.exitCode !== 0)
      problems.push(`exit ${denied.run.exitCode}: ${firstError(denied.run.stdout) ?? ''}`);
    return {
      action: action.name,
      recipe,
      mainMode: 'none',
      firstOperation: undefined,
      notes,
      problems,
    };
  }
  if (denied.first === undefined)
    problems.push(
      `no AWS request with these inputs: ${firstError(denied.run.stdout) ?? 'no error'}`,
    );
  if (denied.count > 1) problems.push(`${denied.count} requests after AccessDenied`);

  resetRunnerFiles(runnerTemp);
  denying.reset();
  const loadEnv = stepEnvironment(runnerTemp, awsEnv(denying.url), action, {});
  delete loadEnv.GITHUB_SHA;
  const load = await measure(node, [action.main], { env: loadEnv, cwd: ws.dir, timeoutMs: 20_000 });
  notes.push(`load (no inputs): exit ${load.exitCode}; ${firstError(load.stdout) ?? 'no error'}`);
  if (denying.count() > 0)
    problems.push('the no-inputs run made an AWS request: load figure not pure');

  const refused = await once('refused', recipe.inputs, 5_000);
  notes.push(
    `refused: ${refused.run.timedOut ? 'still running after 5 s (retries refused connections)' : `exit ${refused.run.exitCode} after ${Math.round(refused.run.wallMs)} ms`}; ${firstError(refused.run.stdout) ?? 'no error'}`,
  );
  const mainMode: EndpointMode = refused.run.timedOut ? 'denied' : 'refused';
  return {
    action: action.name,
    recipe,
    mainMode,
    firstOperation: denied.first?.operation,
    notes,
    problems,
  };
}
