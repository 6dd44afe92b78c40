import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inputWarnings, loadActionMetadata, runStep } from '@ecs-deploy/runner-harness';
import { readPathFile, type StepIo } from './shell.js';

/** How to run a local JavaScript action from its `dist/` bundle. */
export interface ActionStepOptions {
  /** Directory holding action.yml. */
  readonly actionDir: string;
  readonly inputs: Readonly<Record<string, string>>;
  /** The step's environment without the file-command variables (the harness makes those). */
  readonly env: Readonly<Record<string, string>>;
  /** Contexts for `${{ }}` in action.yml defaults (`github.token`). */
  readonly contexts: Readonly<Record<string, unknown>>;
  readonly cwd: string;
  readonly timeoutMs: number;
}

/** Runs the action through the runner harness and returns what it left behind. */
export async function runActionStep(options: ActionStepOptions): Promise<StepIo> {
  if (!existsSync(join(options.actionDir, 'action.yml'))) {
    return failedToStart(`Can't find 'action.yml' under '${options.actionDir}'.`);
  }
  let result: Awaited<ReturnType<typeof runStep>>;
  try {
    result = await runStep({
      actionDir: options.actionDir,
      inputs: options.inputs,
      env: options.env,
      contexts: options.contexts,
      cwd: options.cwd,
      timeoutMs: options.timeoutMs,
    });
  } catch (thrown) {
    return failedToStart(thrown instanceof Error ? thrown.message : String(thrown));
  }
  try {
    return {
      exitCode: result.exitCode,
      stdout: result.stdout,
      stderr: result.stderr,
      outputs: result.outputs,
      exportedEnv: result.exportedEnv,
      // The harness creates GITHUB_PATH in its temp dir but does not return it; read it there.
      path: readPathFile(join(result.runnerTemp, 'path')),
      summary: result.summary,
      durationMs: result.durationMs,
      // ActionRunner.RunAsync: "Unexpected input(s) …" and deprecated-input warnings.
      warnings: inputWarnings(loadActionMetadata(options.actionDir), options.inputs),
      ...(result.signal === null ? {} : { error: `The action was killed by ${result.signal}.` }),
    };
  } finally {
    result.cleanup();
  }
}

function failedToStart(error: string): StepIo {
  return {
    exitCode: null,
    stdout: '',
    stderr: '',
    outputs: new Map(),
    exportedEnv: new Map(),
    path: [],
    summary: '',
    durationMs: 0,
    error,
  };
}
