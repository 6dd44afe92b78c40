import { spawn, type ChildProcess } from 'node:child_process';
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
  // The runner starts node in github.workspace (NodeScriptActionHandler.RunAsync).
  const cwd = resolve(options.cwd ?? process.cwd());
  Object.assign(
    env,
    {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: cwd,
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: root,
    },
    files,
  );
  Object.assign(env, options.env ?? {});
  const given = options.inputs ?? {};
  Object.assign(env, inputEnvironment(metadata, given, options.contexts ?? {}));

  const started = Date.now();
  const child = spawn(actionNode(), [resolve(actionDir, metadata.runs.main)], {
    cwd,
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
      cancelStep(child, options.cancel.signal);
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
  for (const escalation of escalations.get(child) ?? []) clearTimeout(escalation);

  const commands = parseCommands(stdout);
  const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs: parseEnvFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    exportedEnv: parseEnvFile(readFileSync(files.GITHUB_ENV, 'utf8')),
    state: parseEnvFile(readFileSync(files.GITHUB_STATE, 'utf8')),
    summary,
    commands,
    annotations: [
      ...inputWarnings(metadata, given).map((message) => ({ level: 'warning', message })),
      ...summaryErrors(summary).map((message) => ({ level: 'error', message })),
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

// ProcessInvoker.CancelAndKillProcessTree: SIGINT, then SIGTERM 7.5 s later, then a kill 2.5 s
// after that; a test that asks for SIGTERM starts at the second stage.
const SIGINT_GRACE_MS = 7500;
const SIGTERM_GRACE_MS = 2500;
const escalations = new WeakMap<ChildProcess, NodeJS.Timeout[]>();

function cancelStep(child: ChildProcess, first: NodeJS.Signals): void {
  const stages: [NodeJS.Signals, number][] =
    first === 'SIGINT'
      ? [
          ['SIGTERM', SIGINT_GRACE_MS],
          ['SIGKILL', SIGINT_GRACE_MS + SIGTERM_GRACE_MS],
        ]
      : [['SIGKILL', SIGTERM_GRACE_MS]];
  child.kill(first);
  escalations.set(
    child,
    stages.map(([signal, after]) =>
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      }, after),
    ),
  );
}

/**
 * CreateStepSummaryCommand refuses a summary over 1 MiB with an error (and uploads nothing), in
 * the words of Constants.Runner.UnsupportedSummarySize.
 */
export function summaryErrors(summary: string): string[] {
  const size = Buffer.byteLength(summary, 'utf8');
  const limit = 1024 * 1024;
  if (size <= limit) return [];
  return [
    `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of ${limit / 1024}k, got ${Math.floor(size / 1024)}k. For more information see: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-markdown-summary`,
  ];
}
