import { parseBoolean, parseChoice, parseList, type InputReader } from '@ecs-deploy/action-kit';
import type { Severity } from './check.js';

/** The action's inputs, parsed once. */
export interface CheckInputs {
  /** Paths or glob patterns, relative to the workspace. */
  readonly patterns: readonly string[];
  /** The least severe problem that fails the step. */
  readonly failOn: Severity;
  /** Also run the policy checks (pins, permissions, untrusted input in `run:`). */
  readonly policy: boolean;
}

/** Reads the action's inputs (defaults come from action.yml). */
export function readInputs(inputs: InputReader): CheckInputs {
  return {
    // One a line only: a comma belongs to glob braces such as `*.{yml,yaml}`.
    patterns: parseList(inputs.required('files', 'paths or glob patterns, one a line')),
    failOn: inputs.parsed(
      'fail-on',
      (name, raw) => parseChoice(name, raw, ['error', 'warning'] as const),
      'error or warning',
    ),
    policy: inputs.parsed('policy', parseBoolean, 'true or false'),
  };
}
