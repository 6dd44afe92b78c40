import type { WorkflowCommand } from '@ecs-deploy/runner-harness';
import type { Annotation } from './types.js';

/** What a step's workflow commands asked of the runner. */
export interface CommandEffects {
  /** `::add-mask::` values, in order. */
  readonly masks: readonly string[];
  readonly annotations: readonly Omit<Annotation, 'step'>[];
  /** Deprecated `::set-output name=x::v`, still honoured by the runner. */
  readonly outputs: Readonly<Record<string, string>>;
}

const LEVELS = new Set(['error', 'warning', 'notice']);

/** Interprets the commands the runner acts on; the rest (group, debug, …) only affect the log. */
export function interpretCommands(commands: readonly WorkflowCommand[]): CommandEffects {
  const masks: string[] = [];
  const annotations: Omit<Annotation, 'step'>[] = [];
  const outputs: Record<string, string> = {};
  let warnedSetOutput = false;
  for (const command of commands) {
    if (command.command === 'add-mask') masks.push(command.message);
    else if (LEVELS.has(command.command)) {
      const title = command.properties.title;
      annotations.push({
        level: command.command as Annotation['level'],
        message: command.message,
        ...(title === undefined ? {} : { title }),
      });
    } else if (command.command === 'set-output') {
      const name = command.properties.name;
      if (name !== undefined) outputs[name] = command.message;
      if (!warnedSetOutput) {
        warnedSetOutput = true;
        annotations.push({
          level: 'warning',
          message:
            'The `set-output` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/',
        });
      }
    }
  }
  return { masks, annotations, outputs };
}
