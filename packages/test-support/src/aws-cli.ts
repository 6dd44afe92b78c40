// The AWS CLI (v1 or v2) as an independent client of the simulator: every call gets a clean
// environment (no config or credentials from the home directory), JSON output and no pager.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { findExecutable } from './tools.js';

/** What an `aws` command answered: its parsed JSON output, or the error it printed. */
export type AwsCliResult =
  | { readonly ok: true; readonly output: unknown }
  | {
      readonly ok: false;
      readonly exitCode: number;
      /** The service's error code, e.g. ClientException, when the call reached the service. */
      readonly code: string | undefined;
      /** The service's message, or the CLI's own text (usage or validation errors, waiters). */
      readonly message: string;
      readonly stderr: string;
    };

/** Runs `aws` against one endpoint. */
export interface AwsCli {
  /** Runs `aws <args> --output json`; never throws for a failed command. */
  run(args: readonly string[]): Promise<AwsCliResult>;
  /** Runs the command and returns its JSON output; throws with the CLI's stderr on failure. */
  json<T>(args: readonly string[]): Promise<T>;
  /** Runs a command that prints plain text (e.g. `ecr get-login-password`); throws on failure. */
  text(args: readonly string[]): Promise<string>;
  /** Writes `value` as JSON to a scratch file and returns it as `file://…` for --cli-input-json. */
  inputFile(name: string, value: unknown): string;
  /** Removes the scratch directory. */
  close(): void;
}

/** Where the CLI is sent: the simulator's endpoint and environment (region, dummy credentials). */
export interface AwsCliTarget {
  readonly endpoint: string;
  readonly env: Readonly<Record<string, string>>;
}

// botocore prints a failed service call as "An error occurred (Code) when calling the Op
// operation: message" (botocore.exceptions.ClientError), in v1 and v2 alike.
const SERVICE_ERROR =
  /An error occurred \(([^)]+)\) when calling the \w+ operation(?: \(reached max retries: \d+\))?: ([\s\S]*)$/;

/** Parses the stderr of a failed command into the service's code and message. */
export function parseCliError(stderr: string): { code: string | undefined; message: string } {
  const match = SERVICE_ERROR.exec(stderr.trim());
  if (match) return { code: match[1], message: (match[2] ?? '').trim() };
  return { code: undefined, message: stderr.trim() };
}

/** A clean environment for `aws`: nothing from this user's home directory or AWS settings. */
function cliEnvironment(
  dir: string,
  extra: Readonly<Record<string, string>>,
): Record<string, string> {
  const config = join(dir, 'config');
  writeFileSync(config, '[default]\ncli_timestamp_format = iso8601\n');
  const passThrough = ['PATH', 'LANG', 'LC_ALL', 'TMPDIR', 'PYENV_ROOT', 'PYENV_VERSION'];
  return {
    ...Object.fromEntries(
      passThrough.flatMap((key) => {
        const value = process.env[key];
        return value === undefined ? [] : [[key, value]];
      }),
    ),
    ...extra,
    HOME: dir,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    // v2 pages through `less` unless AWS_PAGER is empty; v1 never pages but rejects the v2-only
    // --no-cli-pager flag, so the environment is the one switch both understand.
    AWS_PAGER: '',
    AWS_CLI_AUTO_PROMPT: 'off',
  };
}

/**
 * The `aws` to run. A pyenv shim works out the Python version anew on every call, which costs
 * about as much CPU as the CLI itself; pyenv is asked once for the program the shim would run.
 */
function awsProgram(env: Readonly<Record<string, string>>): string {
  const found = findExecutable('aws', env.PATH);
  if (found === undefined || basename(dirname(found)) !== 'shims') return found ?? 'aws';
  // The shim lives in <PYENV_ROOT>/shims; without PYENV_ROOT pyenv would look under our HOME.
  const root = env.PYENV_ROOT ?? dirname(dirname(found));
  try {
    const program = execFileSync('pyenv', ['which', 'aws'], {
      env: { ...env, PYENV_ROOT: root },
      encoding: 'utf8',
    }).trim();
    return program === '' ? found : program;
  } catch {
    return found;
  }
}

/**
 * Whether the installed `aws` has `aws <service> <command>` (asked with --generate-cli-skeleton,
 * which calls no service), and its version line for messages: older CLIs, such as Debian
 * bookworm's awscli 2.9, predate newer APIs.
 */
export async function awsCliHas(
  service: string,
  command: string,
): Promise<{ has: boolean; version: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'aws-cli-'));
  const env = cliEnvironment(dir, {});
  const program = awsProgram(env);
  const run = (args: string[]): Promise<{ ok: boolean; stdout: string }> =>
    new Promise((resolve) => {
      execFile(program, args, { env }, (error, stdout) => {
        resolve({ ok: error === null, stdout });
      });
    });
  try {
    const skeleton = await run([service, command, '--generate-cli-skeleton']);
    if (skeleton.ok) return { has: true, version: '' };
    const version = await run(['--version']);
    return { has: false, version: version.stdout.trim().split(' ')[0] ?? 'aws' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An AWS CLI bound to a target. The environment is built from scratch: PATH (and the locale) from
 * this process, the target's variables, a scratch HOME, and a config file of our own that asks for
 * ISO 8601 timestamps, so v1 (which prints epoch numbers by default) and v2 print the same form.
 */
export function awsCli(target: AwsCliTarget): AwsCli {
  const dir = mkdtempSync(join(tmpdir(), 'aws-cli-'));
  const env = cliEnvironment(dir, target.env);
  const program = awsProgram(env);
  /** Runs `aws <args> --endpoint-url …`; resolves with stdout, or with the failure. */
  const exec = (
    args: readonly string[],
  ): Promise<{ ok: true; stdout: string } | Extract<AwsCliResult, { ok: false }>> =>
    new Promise((resolve) => {
      // --endpoint-url as well as AWS_ENDPOINT_URL: v2 before 2.13 (Debian's awscli) ignores the
      // variable.
      const argv = [...args, '--endpoint-url', target.endpoint];
      execFile(program, argv, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error === null) {
          resolve({ ok: true, stdout });
          return;
        }
        const exitCode = typeof error.code === 'number' ? error.code : -1;
        resolve({ ok: false, exitCode, stderr, ...parseCliError(stderr) });
      });
    });
  const run = async (args: readonly string[]): Promise<AwsCliResult> => {
    const result = await exec([...args, '--output', 'json']);
    if (!result.ok) return result;
    const text = result.stdout.trim();
    return { ok: true, output: text === '' ? undefined : JSON.parse(text) };
  };
  const failure = (args: readonly string[], result: Extract<AwsCliResult, { ok: false }>): Error =>
    new Error(
      `aws ${args.slice(0, 2).join(' ')} failed (exit ${result.exitCode}): ${result.stderr}`,
    );
  return {
    run,
    json: async <T>(args: readonly string[]): Promise<T> => {
      const result = await run(args);
      if (!result.ok) throw failure(args, result);
      return result.output as T;
    },
    text: async (args) => {
      const result = await exec(args);
      if (!result.ok) throw failure(args, result);
      return result.stdout.trim();
    },
    inputFile: (name, value) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(value));
      return `file://${path}`;
    },
    close: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A value as plain JSON with every timestamp as epoch milliseconds: the SDK's Dates and the CLI's
 * ISO 8601 strings compare equal. `$metadata` (the SDK's response envelope) is dropped.
 */
export function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value)) return Date.parse(value);
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, v]) => key !== '$metadata' && v !== undefined)
        .map(([key, v]) => [key, comparable(v)]),
    );
  }
  return value;
}
