// Turns an AWS failure into one that names the action's input behind it, its value, and what to
// check. Error codes and the operations that declare them: packages/aws-sim/models/*.json (each
// operation's `errors`, from botocore); messages as ECS/ECR word them (e.g. DescribeTaskDefinition
// answers ClientException "Unable to describe task definition." for an unknown family or ARN).
import { ACCESS_DENIED_CODES, explainDenied } from './explain-denied.js';
import {
  NOT_ACTIVE,
  explainNotActive,
  explainNotFound,
  notFoundSubject,
} from './explain-not-found.js';
import { inputOf, paramValue } from './explain-params.js';
import type { Explanation, FailedCall, InputMap } from './explain-types.js';

export { ACCESS_DENIED_CODES } from './explain-denied.js';
export type { Explanation, FailedCall, InputMap } from './explain-types.js';

/** An invalid-parameter answer whose message names a parameter (or value) an input gave. */
function explainInvalid(call: FailedCall, inputs: InputMap): Explanation | undefined {
  for (const [param, input] of Object.entries(inputs.params)) {
    const value = paramValue(call.params, param);
    if (value === undefined || inputOf(param, value, inputs) === undefined) continue;
    const mentions =
      new RegExp(`\\b${param}\\b`, 'i').test(call.message) ||
      // A value counts only quoted, or as a whole ARN: 'web' inside targetgroup/web/… is not it.
      [`'${value}'`, `"${value}"`].some((quoted) => call.message.includes(quoted)) ||
      (value.startsWith('arn:') && call.message.includes(value));
    if (!mentions) continue;
    return {
      message: `Input '${input}' is '${value}': ${call.operation} refused it.`,
      hint: `Check input '${input}' against AWS's message above.`,
      input,
    };
  }
  const input = inputs.requests?.[call.operation];
  if (input === undefined) return undefined;
  const given = inputs.given?.(input);
  return {
    message: `Input '${input}'${given === undefined ? '' : ` is '${given}'`}: ${call.operation} refused what it holds.`,
    hint: `Fix what input '${input}' holds as AWS's message above says.`,
    input,
  };
}

/**
 * Explains an AWS failure in terms of the action's inputs, or undefined when there is nothing to
 * add to AWS's own message (throttling, server errors, credentials — AwsError's hints cover those).
 */
export function explainFailure(call: FailedCall, inputs: InputMap): Explanation | undefined {
  if (ACCESS_DENIED_CODES.has(call.code) || /not authorized to perform/i.test(call.message))
    return explainDenied(call, inputs);
  const subject = notFoundSubject(call.code, call.message);
  if (subject !== undefined) return explainNotFound(call, subject, inputs);
  const inactive = NOT_ACTIVE[call.code];
  if (inactive !== undefined) return explainNotActive(call, inputs, inactive);
  if (
    call.code === 'InvalidParameterException' ||
    call.code === 'ClientException' ||
    call.code === 'ValidationError' ||
    call.code === 'ValidationException'
  )
    return explainInvalid(call, inputs);
  return undefined;
}
