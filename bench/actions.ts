// Which actions exist (any actions/<name>/action.yml whose bundle is in dist/), the valid inputs
// each is benchmarked with, and the step environment the runner would give it.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildImage, writeOciLayout } from '@ecs-deploy/oci';
import {
  REPO_ROOT,
  actionDir,
  evaluateDefault,
  inputVariable,
  loadActionMetadata,
} from '@ecs-deploy/runner-harness';
import { removeAtEnd } from './cleanup.js';

/** One action of the repository. */
export interface ActionInfo {
  readonly name: string;
  /** Absolute path of the bundle to run: a snapshot of `runs.main` once `snapshot()` ran. */
  readonly main: string;
  /** Absolute path of `runs.main` in dist/. */
  readonly distMain: string;
  /** sha256 of the bundle's index.js when it was snapshotted. */
  readonly sha256?: string;
  /** Directory with action.yml whose `runs.main` reaches the bundle (for runStep). */
  readonly stepDir: string;
  /** False while the action is being written (action.yml exists, dist/ not yet). */
  readonly built: boolean;
  readonly defaults: Readonly<Record<string, string>>;
}

/** Every action with an action.yml, built or not, sorted by name. */
export function discoverActions(): ActionInfo[] {
  const root = join(REPO_ROOT, 'actions');
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'action.yml')))
    .sort()
    .map((name) => {
      const dir = actionDir(name);
      const metadata = loadActionMetadata(dir);
      const main = resolve(dir, metadata.runs.main);
      const defaults: Record<string, string> = {};
      for (const [input, field] of Object.entries(metadata.inputs)) {
        if (field.default !== undefined)
          defaults[input] = evaluateDefault(String(field.default), {});
      }
      return {
        name,
        main,
        distMain: main,
        stepDir: dir,
        built: existsSync(main),
        defaults,
      };
    });
}

/**
 * Copies each built bundle directory (dist/<name>/) and its action.yml into a temporary tree of
 * the same layout and points `main` and `stepDir` there, so that a colleague rebuilding dist/
 * during the run cannot change or remove the code under measurement half-way. Bundles are
 * self-contained, so their location does not matter.
 */
export function snapshot(actions: readonly ActionInfo[]): ActionInfo[] {
  const root = removeAtEnd(mkdtempSync(join(tmpdir(), 'bench-snapshot-')));
  return actions.map((a) => {
    if (!a.built) return a;
    const from = resolve(a.distMain, '..');
    const rel = from.slice(REPO_ROOT.length);
    const to = join(root, rel);
    const stepDir = join(root, 'actions', a.name);
    try {
      cpSync(from, to, { recursive: true });
      cpSync(join(a.stepDir, 'action.yml'), join(stepDir, 'action.yml'));
      const main = join(to, a.distMain.slice(from.length + 1));
      const sha256 = createHash('sha256').update(readFileSync(main)).digest('hex');
      return { ...a, main, sha256, stepDir };
    } catch {
      return { ...a, built: false };
    }
  });
}

/** The JavaScript files of a bundle directory (index.js and any chunks), with their sizes. */
export function bundleFiles(main: string): { file: string; bytes: number }[] {
  const dir = resolve(main, '..');
  const out: { file: string; bytes: number }[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(c|m)?js$/.test(entry.name))
        out.push({ file: path.slice(dir.length + 1), bytes: statSync(path).size });
    }
  };
  walk(dir);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

export const SHA = '10683f6edf72a951e1057f6f3bb713373cf08333';
export const DIGEST = `sha256:${'c'.repeat(64)}`;
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/**
 * Files the benchmarked steps read: a base task definition, a rendered one, an OCI layout and a
 * directory of workflow files.
 */
export interface Workspace {
  readonly dir: string;
  /** Base task definition (relative to dir) with an `<IMAGE>` placeholder. */
  readonly baseTaskDefinition: string;
  /** A complete rendered task definition (relative to dir). */
  readonly renderedTaskDefinition: string;
  /** An OCI image layout directory (relative to dir). */
  readonly ociLayout: string;
  /** Glob of workflow files (relative to dir): copies of workflows-examples/*.yml. */
  readonly workflows: string;
}

/** A base task definition of family `family` with one container `app` on port 8080. */
export function taskDefinition(family: string, image: string): Record<string, unknown> {
  return {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
    containerDefinitions: [
      {
        name: 'app',
        image,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
      },
    ],
  };
}

/** Creates the workspace in a temporary directory (removed at the end). */
export async function createWorkspace(): Promise<Workspace> {
  const dir = removeAtEnd(mkdtempSync(join(tmpdir(), 'bench-ws-')));
  writeFileSync(join(dir, 'td.json'), JSON.stringify(taskDefinition('web', '<IMAGE>'), null, 2));
  writeFileSync(
    join(dir, 'rendered.json'),
    JSON.stringify(
      taskDefinition('web', `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/web@${DIGEST}`),
      null,
      2,
    ),
  );
  const image = buildImage({
    layers: [{ 'app/main.py': 'print("bench")\n' }],
    labels: { 'org.opencontainers.image.title': 'bench' },
  });
  await writeOciLayout(join(dir, 'layout'), image);
  const examples = join(REPO_ROOT, 'workflows-examples');
  mkdirSync(join(dir, 'workflows'));
  for (const file of readdirSync(examples).filter((f) => f.endsWith('.yml')))
    cpSync(join(examples, file), join(dir, 'workflows', file));
  return {
    dir,
    baseTaskDefinition: 'td.json',
    renderedTaskDefinition: 'rendered.json',
    ociLayout: 'layout',
    workflows: 'workflows/*.yml',
  };
}

/** Valid inputs for a cold start: the step gets as far as its first AWS request. */
export interface Recipe {
  readonly inputs: Readonly<Record<string, string>>;
  /** False for actions that never call AWS (measured to exit). */
  readonly callsAws: boolean;
}

const RECIPES: Record<string, (ws: Workspace) => Recipe> = {
  'compute-image-tag': () => ({ inputs: { environment: 'dev', sha: SHA }, callsAws: false }),
  'push-ecr-digest': (ws) => ({
    inputs: { repository: 'web', tags: `dev-${SHA}`, 'oci-layout': ws.ociLayout },
    callsAws: true,
  }),
  // A bare digest without `registry`: the host is derived in-job (STS), the first request.
  'render-task-def': (ws) => ({
    inputs: {
      'task-definition': ws.baseTaskDefinition,
      'container-name': 'app',
      image: DIGEST,
      repository: 'web',
    },
    callsAws: true,
  }),
  'wait-healthy': () => ({ inputs: { cluster: 'demo', service: 'web' }, callsAws: true }),
  // Rolls back to the last healthy digest (mode digest, steps-back 1: the defaults).
  'rollback-digest': () => ({ inputs: { cluster: 'demo', service: 'web' }, callsAws: true }),
  'ecs-rolling-deploy': (ws) => ({
    inputs: { cluster: 'demo', service: 'web', 'task-definition': ws.renderedTaskDefinition },
    callsAws: true,
  }),
  // A migration from the rendered file, network copied from the service: DescribeServices first.
  'ecs-run-task': (ws) => ({
    inputs: {
      cluster: 'demo',
      service: 'web',
      'task-definition': ws.renderedTaskDefinition,
      'container-name': 'app',
      command: 'python manage.py migrate --noinput',
    },
    callsAws: true,
  }),
  // The repository's example workflows (4 files, no problems found): reads and checks, no AWS.
  'check-workflows': (ws) => ({ inputs: { files: ws.workflows }, callsAws: false }),
};

/** Actions of `actions` that have no recipe (the bench refuses to start with any). */
export function withoutRecipe(actions: readonly ActionInfo[]): string[] {
  return actions.filter((a) => RECIPES[a.name] === undefined).map((a) => a.name);
}

/** The recipe for an action; every action under actions/ has one. */
export function recipeFor(action: ActionInfo, ws: Workspace): Recipe {
  const recipe = RECIPES[action.name];
  if (recipe === undefined)
    throw new Error(`bench: no recipe for action ${action.name}: add one in bench/actions.ts`);
  return recipe(ws);
}

/** GitHub context every benchmarked step sees (a push to main). */
export const GITHUB_ENV: Readonly<Record<string, string>> = {
  GITHUB_SHA: SHA,
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_REPOSITORY: 'example/app',
  GITHUB_RUN_ID: '1000',
  GITHUB_RUN_NUMBER: '7',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_ACTOR: 'bench',
  GITHUB_JOB: 'bench',
};

const BASE_VARIABLES = ['PATH', 'HOME', 'LANG', 'TZ'];

/**
 * The environment the runner gives a `node24` step, as runner-harness's runStep builds it:
 * a few host variables, the runner's own, the files, then extra env, defaults and inputs.
 */
export function stepEnvironment(
  runnerTemp: string,
  extra: Readonly<Record<string, string>>,
  action?: ActionInfo,
  inputs: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of BASE_VARIABLES) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: join(runnerTemp, 'output'),
    GITHUB_ENV: join(runnerTemp, 'env'),
    GITHUB_STATE: join(runnerTemp, 'state'),
    GITHUB_STEP_SUMMARY: join(runnerTemp, 'summary'),
    GITHUB_PATH: join(runnerTemp, 'path'),
  });
  Object.assign(env, GITHUB_ENV, extra);
  if (action !== undefined) {
    for (const [name, value] of Object.entries(action.defaults)) env[inputVariable(name)] = value;
  }
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  return env;
}

/** Empties the runner files of a step directory (one directory is reused across runs). */
export function resetRunnerFiles(runnerTemp: string): void {
  for (const file of ['output', 'env', 'state', 'summary', 'path'])
    writeFileSync(join(runnerTemp, file), '');
}
