import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runActionStep } from './action-step.js';
import { interpretOutput } from './commands.js';
import { runShell, type StepIo } from './shell.js';
import type { StandIn, StandInContext } from './stand-ins.js';
import type { Annotation } from './types.js';

/** What a step does, already evaluated. */
export type StepAction =
  | { readonly kind: 'run'; readonly script: string; readonly shell?: string; readonly cwd: string }
  | {
      readonly kind: 'action';
      readonly uses: string;
      readonly actionDir: string;
      readonly inputs: Readonly<Record<string, string>>;
      /** Contexts for `${{ }}` in action.yml defaults. */
      readonly contexts: Readonly<Record<string, unknown>>;
      readonly cwd: string;
    }
  | {
      readonly kind: 'stand-in';
      readonly uses: string;
      readonly standIn: StandIn;
      readonly inputs: Readonly<Record<string, string>>;
      readonly context: Omit<StandInContext, 'with' | 'env' | 'runnerTemp' | 'log' | 'uses'>;
    };

/** What one step changed, for the job to apply. */
export interface StepEffects {
  readonly failed: boolean;
  readonly exitCode?: number | null;
  readonly outputs: Readonly<Record<string, string>>;
  readonly exportedEnv: Readonly<Record<string, string>>;
  readonly path: readonly string[];
  readonly masks: readonly string[];
  /** `stop-commands` tokens the runner masks. */
  readonly stopTokens: readonly string[];
  readonly annotations: readonly Omit<Annotation, 'step'>[];
  readonly summary: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/** Turns what a process left behind into effects, as the runner reads them. */
function fromIo(
  io: StepIo,
  kind: 'run' | 'action',
  env: Readonly<Record<string, string>>,
): StepEffects {
  const commands = interpretOutput([io.stdout, io.stderr], env);
  const annotations: Omit<Annotation, 'step'>[] = [
    ...(io.warnings ?? []).map((message) => ({ level: 'warning' as const, message })),
    ...commands.annotations,
  ];
  const error = io.error ?? commands.error;
  const failed = error !== undefined || io.exitCode !== 0;
  if (error !== undefined) annotations.push({ level: 'error', message: error });
  else if (failed && kind === 'run')
    annotations.push({
      level: 'error',
      message: `Process completed with exit code ${String(io.exitCode)}.`,
    });
  else if (failed && !annotations.some((a) => a.level === 'error')) {
    // An action that crashed without reporting: say so, with the error line of its stderr.
    const lines = io.stderr.split('\n').map((line) => line.trim());
    const last =
      lines.find((line) => /^[A-Za-z]*Error\b/.test(line)) ??
      lines.filter((line) => line !== '' && !line.startsWith('Node.js v')).pop() ??
      '';
    annotations.push({
      level: 'error',
      message: `Node run failed with exit code ${String(io.exitCode)}${last === '' ? '' : `: ${last}`}`,
    });
  }
  return {
    failed,
    exitCode: io.exitCode,
    outputs: { ...commands.outputs, ...Object.fromEntries(io.outputs) },
    exportedEnv: Object.fromEntries(io.exportedEnv),
    path: io.path,
    masks: commands.masks,
    stopTokens: commands.stopTokens,
    annotations,
    summary: io.summary,
    stdout: io.stdout,
    stderr: io.stderr,
    durationMs: io.durationMs,
  };
}

async function runStandIn(
  action: Extract<StepAction, { kind: 'stand-in' }>,
  env: Readonly<Record<string, string>>,
): Promise<StepEffects> {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'wf-stand-in-'));
  const lines: string[] = [];
  const started = Date.now();
  try {
    const result = await action.standIn({
      ...action.context,
      uses: action.uses,
      with: action.inputs,
      env,
      runnerTemp,
      log: (line) => lines.push(line),
    });
    const annotations = [...(result.annotations ?? [])];
    if (result.error !== undefined) annotations.push({ level: 'error', message: result.error });
    return {
      failed: result.error !== undefined,
      outputs: result.outputs ?? {},
      exportedEnv: result.env ?? {},
      path: result.path ?? [],
      masks: result.masks ?? [],
      stopTokens: [],
      annotations,
      summary: result.summary ?? '',
      stdout: lines.map((line) => `${line}\n`).join(''),
      stderr: '',
      durationMs: Date.now() - started,
    };
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return {
      failed: true,
      outputs: {},
      exportedEnv: {},
      path: [],
      masks: [],
      stopTokens: [],
      annotations: [{ level: 'error', message: `${action.uses}: ${message}` }],
      summary: '',
      stdout: lines.map((line) => `${line}\n`).join(''),
      stderr: '',
      durationMs: Date.now() - started,
    };
  } finally {
    rmSync(runnerTemp, { recursive: true, force: true });
  }
}

/** Runs one step with its process environment and returns its effects. */
export async function executeStep(
  action: StepAction,
  env: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<StepEffects> {
  switch (action.kind) {
    case 'run':
      return fromIo(
        await runShell({
          script: action.script,
          ...(action.shell === undefined ? {} : { shell: action.shell }),
          env,
          cwd: action.cwd,
          timeoutMs,
        }),
        'run',
        env,
      );
    case 'action':
      return fromIo(
        await runActionStep({
          actionDir: action.actionDir,
          inputs: action.inputs,
          env,
          contexts: action.contexts,
          cwd: action.cwd,
          timeoutMs,
        }),
        'action',
        env,
      );
    case 'stand-in':
      return runStandIn(action, env);
  }
}
