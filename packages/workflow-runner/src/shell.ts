import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnvFile } from '@ecs-deploy/runner-harness';

/** What a step left behind, whether a `run:` script or an action bundle. */
export interface StepIo {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: ReadonlyMap<string, string>;
  readonly exportedEnv: ReadonlyMap<string, string>;
  /** Lines written to GITHUB_PATH, in file order. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly durationMs: number;
  /** The runner's own warnings about the step (unexpected or deprecated inputs). */
  readonly warnings?: readonly string[];
  /** Set when the step could not be started or timed out. */
  readonly error?: string;
}

/** How to run one `run:` script. */
export interface ShellOptions {
  readonly script: string;
  /** `bash`, `sh`, or a template with `{0}` (e.g. `bash -x {0}`); default bash. */
  readonly shell?: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly timeoutMs: number;
}

/** The runner's command lines for the shells it names (`bash -e {0}` is wrapped with pipefail). */
export function shellCommand(shell: string | undefined, scriptPath: string): [string, string[]] {
  const template =
    shell === undefined || shell === '' || shell === 'bash'
      ? 'bash --noprofile --norc -eo pipefail {0}'
      : shell === 'sh'
        ? 'sh -e {0}'
        : shell.includes('{0}')
          ? shell
          : `${shell} {0}`;
  const [program = 'bash', ...args] = template.split(/\s+/).filter((part) => part !== '');
  return [program, args.map((arg) => arg.replace('{0}', scriptPath))];
}

/** Fresh GITHUB_OUTPUT/ENV/PATH/STEP_SUMMARY files in `root`, as the runner gives each step. */
export function createFileCommands(root: string): Record<string, string> {
  const files = {
    GITHUB_OUTPUT: join(root, 'output'),
    GITHUB_ENV: join(root, 'env'),
    GITHUB_PATH: join(root, 'path'),
    GITHUB_STEP_SUMMARY: join(root, 'summary'),
    GITHUB_STATE: join(root, 'state'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  return files;
}

/** Reads a GITHUB_PATH file: one directory per non-empty line. */
export function readPathFile(file: string): string[] {
  try {
    return readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
  } catch {
    return [];
  }
}

/** The parsed file commands of one step. */
export interface FileCommandResults {
  readonly outputs: ReadonlyMap<string, string>;
  readonly exportedEnv: ReadonlyMap<string, string>;
  readonly path: readonly string[];
  readonly summary: string;
}

/** Reads the files made by {@link createFileCommands}; throws on a malformed env file. */
export function readFileCommands(files: Readonly<Record<string, string>>): FileCommandResults {
  const read = (name: string): string => readFileSync(files[name] ?? '', 'utf8');
  return {
    outputs: parseEnvFile(read('GITHUB_OUTPUT')),
    exportedEnv: parseEnvFile(read('GITHUB_ENV')),
    path: readPathFile(files.GITHUB_PATH ?? ''),
    summary: read('GITHUB_STEP_SUMMARY'),
  };
}

/** Runs a `run:` script as the runner does: a temp file executed by the shell, in `cwd`. */
export async function runShell(options: ShellOptions): Promise<StepIo> {
  const root = mkdtempSync(join(tmpdir(), 'wf-run-'));
  try {
    const files = createFileCommands(root);
    const scriptPath = join(root, 'script.sh');
    writeFileSync(scriptPath, options.script);
    // The job passes its own RUNNER_TEMP (shared by its steps); the file commands are per step.
    const env = { RUNNER_TEMP: root, ...options.env, ...files };
    const [program, args] = shellCommand(options.shell, scriptPath);
    const started = Date.now();
    const child = spawn(program, args, {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const killed = { timedOut: false };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      killed.timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    const outcome = await new Promise<{ code: number | null; error?: string }>((done) => {
      child.on('error', (error) => {
        done({ code: null, error: `could not start ${program}: ${error.message}` });
      });
      child.on('close', (code) => {
        done({ code });
      });
    });
    clearTimeout(timer);
    let fileResults: FileCommandResults;
    let fileError: string | undefined;
    try {
      fileResults = readFileCommands(files);
    } catch (thrown) {
      fileResults = { outputs: new Map(), exportedEnv: new Map(), path: [], summary: '' };
      fileError = thrown instanceof Error ? thrown.message : String(thrown);
    }
    const error =
      outcome.error ??
      (killed.timedOut
        ? `The step timed out after ${options.timeoutMs} ms and was killed.`
        : fileError);
    return {
      exitCode: outcome.code,
      stdout,
      stderr,
      ...fileResults,
      durationMs: Date.now() - started,
      ...(error === undefined ? {} : { error }),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
