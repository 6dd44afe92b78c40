import { outputLines, parseCommandLine } from '@ecs-deploy/runner-harness';
import type { Annotation } from './types.js';

/** What a step's workflow commands asked of the runner. */
export interface CommandEffects {
  /** `::add-mask::` values, in order. */
  readonly masks: readonly string[];
  /** `stop-commands` tokens longer than 6 characters, which the runner masks. */
  readonly stopTokens: readonly string[];
  readonly annotations: readonly Omit<Annotation, 'step'>[];
  /** Deprecated `::set-output name=x::v`, still honoured by the runner. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Set when a command failed the step (an invalid `stop-commands` token). */
  readonly error?: string;
}

const STOP_COMMANDS = 'stop-commands';

/**
 * The runner's registered commands (ExtensionManager's IActionCommandExtension list plus
 * `stop-commands`); parsing itself is the harness's (ActionCommand.TryParseV2 / TryParse).
 */
const REGISTERED = [
  'set-env',
  'set-output',
  'save-state',
  'add-path',
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
  STOP_COMMANDS,
];

const LEVELS = new Set(['error', 'warning', 'notice']);

/** Constants.Runner.UnsupportedStopCommandTokenDisabled. */
export const INVALID_STOP_TOKEN =
  "You cannot use a endToken that is an empty string, the string 'pause-logging', or another workflow command. For more information see: https://docs.github.com/actions/learn-github-actions/workflow-commands-for-github-actions#example-stopping-and-starting-workflow-commands or opt into insecure command execution by setting the `ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS` environment variable to `true`.";

const SET_OUTPUT_DEPRECATED =
  'The `set-output` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/';

function truthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', '$true'].includes(value.toLowerCase());
}

/**
 * Runs a step's output through ActionCommandManager.TryProcessCommand: each line is tried as
 * `::cmd::` (after leading white space), then as `##[cmd]`; `stop-commands` ignores every
 * command until `::<token>::` (the token then being a registered command) and a token longer
 * than 6 characters is masked. The runner keeps one command manager per step for both streams;
 * their interleaving is lost here, so stdout is read before stderr.
 */
export function interpretOutput(
  streams: readonly string[],
  env: Readonly<Record<string, string>> = {},
): CommandEffects {
  const registered = new Set(REGISTERED);
  const masks: string[] = [];
  const stopTokens: string[] = [];
  const annotations: Omit<Annotation, 'step'>[] = [];
  const outputs: Record<string, string> = {};
  let stopToken: string | undefined;
  let warnedSetOutput = false;
  for (const line of streams.flatMap(outputLines)) {
    if (!line.includes('##[') && !line.includes('::')) continue;
    const parsed = parseCommandLine(line, registered);
    if (parsed === undefined) continue;
    const { command, properties: props, message: data } = parsed;
    if (stopToken !== undefined) {
      if (command === stopToken.toLowerCase()) {
        registered.delete(command);
        stopToken = undefined;
      }
      continue;
    }
    if (command === STOP_COMMANDS) {
      // ValidateStopToken: the exception escapes the output handler and fails the step.
      const invalid =
        registered.has(data.toLowerCase()) || data === '' || /^pause-logging$/i.test(data);
      if (invalid && !truthy(env.ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS))
        return { masks, stopTokens, annotations, outputs, error: INVALID_STOP_TOKEN };
      stopToken = data;
      registered.add(data.toLowerCase());
      if (data.length > 6) stopTokens.push(data);
    } else if (command === 'add-mask') masks.push(data);
    else if (LEVELS.has(command)) {
      const title = props.title;
      annotations.push({
        level: command as Annotation['level'],
        message: data,
        ...(title === undefined ? {} : { title }),
      });
    } else if (command === 'set-output') {
      const name = props.name;
      if (name !== undefined) outputs[name] = data;
      if (!warnedSetOutput) {
        warnedSetOutput = true;
        annotations.push({ level: 'warning', message: SET_OUTPUT_DEPRECATED });
      }
    }
  }
  return { masks, stopTokens, annotations, outputs };
}
