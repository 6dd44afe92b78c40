import { describeError, emptyInputsOf } from './errors.js';
import { InputReader } from './inputs.js';
import { Logger } from './log.js';
import { OutputWriter } from './outputs.js';
import { processRuntime, type Runtime } from './runtime.js';
import { SummaryWriter } from './summary.js';
import { explainEmptyInput, findInputSource } from './workflow-source.js';

/** What an action's body receives: typed access to the step's inputs, outputs, log and summary. */
export interface ActionContext {
  readonly inputs: InputReader;
  readonly outputs: OutputWriter;
  readonly log: Logger;
  readonly summary: SummaryWriter;
  /** The step environment (GITHUB_*, RUNNER_*, AWS_*). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted when the runner cancels the step (SIGINT, then SIGTERM). */
  readonly signal: AbortSignal;
}

/** How the step ended. */
export type ActionOutcome = 'succeeded' | 'failed' | 'cancelled';

/**
 * The one place that fails a step: runs `body`, turns anything it throws into a single error
 * annotation prefixed with the action's name (plus a hint where the error has one), writes the
 * summary either way, and sets the exit code. Cancellation by the runner ends with one clear line.
 */
export async function runAction(
  name: string,
  body: (context: ActionContext) => Promise<void> | void,
  runtime: Runtime = processRuntime(),
  signals: { on: (signal: NodeJS.Signals, listener: () => void) => void } = process,
): Promise<ActionOutcome> {
  const log = new Logger(runtime);
  const controller = new AbortController();
  const cancel = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) controller.abort(new Error(`cancelled by ${signal}`));
  };
  signals.on('SIGINT', () => {
    cancel('SIGINT');
  });
  signals.on('SIGTERM', () => {
    cancel('SIGTERM');
  });
  const summary = new SummaryWriter(runtime, log);
  const context: ActionContext = {
    inputs: new InputReader(runtime.env),
    outputs: new OutputWriter(runtime, log),
    log,
    summary,
    env: runtime.env,
    signal: controller.signal,
  };
  let outcome: ActionOutcome = 'succeeded';
  try {
    await body(context);
    // The work finished although the runner asked to stop: say so, rather than claim it stopped.
    if (controller.signal.aborted) {
      log.warning(
        `${name}: ${describeError(controller.signal.reason).message} arrived, but the step had already done its work.`,
        { title: name },
      );
    }
  } catch (error) {
    if (controller.signal.aborted) {
      outcome = 'cancelled';
      const reason = describeError(controller.signal.reason).message;
      log.error(`${name}: ${reason}; stopped before finishing. ${describeError(error).message}`, {
        title: name,
      });
    } else {
      outcome = 'failed';
      const { message, hint } = describeError(error);
      const sources = await explainEmptyInputs(name, emptyInputsOf(error), runtime.env);
      log.error(`${name}: ${message}${sources}${hint === undefined ? '' : `\nHint: ${hint}`}`, {
        title: name,
      });
      if (error instanceof Error && error.stack !== undefined) log.debug(error.stack);
    }
  }
  summary.flush();
  if (outcome !== 'succeeded') runtime.setExitCode(1);
  return outcome;
}

/** Where the workflow set the empty inputs behind a failure, one line each (or nothing). */
async function explainEmptyInputs(
  action: string,
  inputs: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  const lines = await Promise.all(
    [...new Set(inputs)].map(async (input) =>
      explainEmptyInput(input, await findInputSource(env, action, input)),
    ),
  );
  return lines.flatMap((line) => (line === undefined ? [] : [`\n${line}`])).join('');
}
