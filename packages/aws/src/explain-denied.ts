// AccessDenied, explained: the IAM action to grant (the one IAM's message names), on which
// resource, to whom, and the inputs the denied request carried.
import type { Explanation, FailedCall, InputMap } from './explain-types.js';
import { inputOf, paramValue } from './explain-params.js';

/** AWS's codes for a denied call: JSON services, query services (STS, ELBv2), EC2. */
export const ACCESS_DENIED_CODES: ReadonlySet<string> = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
]);

/**
 * Who to grant a permission to: an assumed-role session (`arn:aws:sts::1:assumed-role/deploy/gha`)
 * is granted through its role; anything else as named.
 */
function grantee(principal: string | undefined): string {
  if (principal === undefined) return 'the role this job assumed';
  const role = /^arn:[\w-]+:sts::\d{12}:assumed-role\/([^/]+)\//.exec(principal)?.[1];
  return role === undefined
    ? principal
    : `the IAM role '${role}' (this job's session ${principal})`;
}

/** The IAM action, principal and resource an AccessDenied message names. */
export function explainDenied(call: FailedCall, inputs: InputMap): Explanation {
  const named = /not authorized to perform:?\s*([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(call.message)?.[1];
  const ours = call.operation.slice(call.operation.indexOf(':') + 1);
  // Our operation name carries the IAM prefix AWS uses (elasticloadbalancing, not elbv2); a
  // different action in the message (iam:PassRole on RegisterTaskDefinition) is the one to grant.
  const action =
    named === undefined || named.slice(named.indexOf(':') + 1).toLowerCase() === ours.toLowerCase()
      ? call.operation
      : named;
  const principal = /User:\s*(arn:[^\s]+)/.exec(call.message)?.[1];
  const resource = /on resource:\s*(\S+?)[.,]?(?:\s|$)/.exec(call.message)?.[1];
  const involved = Object.entries(inputs.params).flatMap(([param, input]) => {
    const value = paramValue(call.params, param);
    return value !== undefined && inputOf(param, value, inputs) !== undefined
      ? [`input '${input}' is '${value}'`]
      : [];
  });
  const about = involved.length === 0 ? '' : ` (${[...new Set(involved)].join(', ')})`;
  const calling = action === call.operation ? '' : `, calling ${call.operation}`;
  const on = resource === undefined ? '' : ` on ${resource}`;
  const passRole =
    action === 'iam:PassRole'
      ? " The role passed is the task definition's executionRoleArn or taskRoleArn."
      : '';
  // IAM's texts: "because no identity-based policy allows …" (a grant fixes it) or "with an
  // explicit deny in a service control policy / permissions boundary / …" (a grant does not).
  const deny = /with an explicit deny in (?:an? )?([\w -]+?policy|[\w -]+?boundary)/i.exec(
    call.message,
  )?.[1];
  return {
    message: `AWS denied ${action}${on} to ${principal ?? 'the credentials of this job'}${calling}${about}.`,
    hint:
      deny === undefined
        ? `Grant the IAM action ${action}${on} to ${grantee(principal)}.${passRole}`
        : `An explicit deny in ${deny} overrides any grant: have its owner allow ${action}${on} for ${grantee(principal)}.`,
  };
}
