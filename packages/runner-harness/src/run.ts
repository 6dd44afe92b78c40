import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCommands, type WorkflowCommand } from './commands.js';
import { parseEnvFile } from './env-file.js';
import { inputEnvironment, inputWarnings } from './inputs.js';
import { loadActionMetadata } from './metadata.js';
import { actionNode } from './node.js';

/** How to run one action step. */
export interface StepOptions {
  /** Directory holding action.yml, e.g. `actions/compute-image-tag`. */
  readonly actionDir: string;
  /** `with:` values by input name, as written in the workflow. */
  readonly inputs?: Readonly<Record<string, string>>;
  /** Extra environment (GITHUB_SHA, AWS_ENDPOINT_URL, …). */
  readonly env?: Readonly<Record<string, string>>;
  /** Contexts for `${{ }}` in defaults, e.g. `{ github: { token: 'x' } }`. */
  readonly contexts?: Readonly<Record<string, unknown>>;
  /** Sends a signal, as the runner does when a step is cancelled. */
  readonly cancel?: { readonly signal: NodeJS.Signals; readonly when: (stdout: string) => boolean };
  /** Kills the step after this long (a hung action fails the test instead of the suite). */
  readonly timeoutMs?: number;
  readonly cwd?: string;
}

/** Everything a step left behind. */
export interface StepResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Map<string, string>;
  readonly exportedEnv: Map<string, string>;
  readonly state: Map<string, string>;
  readonly summary: string;
  readonly commands: WorkflowCommand[];
  /**
   * `::error`, `::warning` and `::notice` messages, after the runner's own warnings about the
   * step's inputs (unexpected or deprecated ones).
   */
  readonly annotations: { level: string; message: string; title?: string }[];
  readonly durationMs: number;
  /** The runner temp directory the step saw (removed by `cleanup`). */
  readonly runnerTemp: string;
  /** Removes the step's temp files. */
  cleanup(): void;
}

const BASE_VARIABLES = ['PATH', 'HOME', 'LANG', 'TZ', 'SYSTEMROOT'];

/** Runs `dist/<action>/index.js` the way the GitHub runner runs a `node24` action. */
export async function runStep(options: StepOptions): Promise<StepResult> {
  const actionDir = resolve(options.actionDir);
  const metadata = loadActionMetadata(actionDir);
  if (metadata.runs.using !== 'node24')
    throw new Error(`${actionDir}: runs.using is ${metadata.runs.using}`);
  const root = mkdtempSync(join(tmpdir(), 'step-'));
  const files = {
    GITHUB_OUTPUT: join(root, 'output'),
    GITHUB_ENV: join(root, 'env'),
    GITHUB_STATE: join(root, 'state'),
    GITHUB_STEP_SUMMARY: join(root, 'summary'),
    GITHUB_PATH: join(root, 'path'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env: Record<string, string> = {};
  for (const name of BASE_VARIABLES) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(
    env,
    { CI: 'true', GITHUB_ACTIONS: 'true', RUNNER_OS: 'Linux', RUNNER_TEMP: root },
    files,
  );
  Object.assign(env, options.env ?? {});
  const given = options.inputs ?? {};
  Object.assign(env, inputEnvironment(metadata, given, options.contexts ?? {}));

  const started = Date.now();
  const child = spawn(actionNode(), [resolve(actionDir, metadata.runs.main)], {
    cwd: options.cwd ?? process.cwd(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let cancelled = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (options.cancel !== undefined && !cancelled && options.cancel.when(stdout)) {
      cancelled = true;
      child.kill(options.cancel.signal);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
    (done, fail) => {
      child.on('error', fail);
      child.on('close', (code, sig) => {
        done([code, sig]);
      });
    },
  );
  clearTimeout(timer);

  const commands = parseCommands(stdout);
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs: parseEnvFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    exportedEnv: parseEnvFile(readFileSync(files.GITHUB_ENV, 'utf8')),
    state: parseEnvFile(readFileSync(files.GITHUB_STATE, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    commands,
    annotations: [
      ...inputWarnings(metadata, given).map((message) => ({ level: 'warning', message })),
      ...commands
        .filter((c) => ['error', 'warning', 'notice'].includes(c.command))
        .map((c) => ({ level: c.command, message: c.message, title: c.properties.title })),
    ],
    durationMs: Date.now() - started,
    runnerTemp: root,
    cleanup: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
