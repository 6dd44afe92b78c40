// Turns an AWS failure into one that names the action's input behind it, its value, and what to
// check. Error codes and the operations that declare them: packages/aws-sim/models/*.json (each
// operation's `errors`, from botocore); messages as ECS/ECR word them (e.g. DescribeTaskDefinition
// answers ClientException "Unable to describe task definition." for an unknown family or ARN).

/** One failed AWS call, as much as is known about it. */
export interface FailedCall {
  /** `service:Operation`, which is also the IAM action (e.g. `ecs:UpdateService`). */
  readonly operation: string;
  /** The request's parameters as sent (SDK casing, e.g. `cluster`, `repositoryNames`). */
  readonly params: Readonly<Record<string, unknown>>;
  /** The error code AWS answered with, e.g. `ClusterNotFoundException`. */
  readonly code: string;
  /** AWS's message. */
  readonly message: string;
  /** The region of the call. */
  readonly region?: string;
  /** The account of the credentials, when known. */
  readonly account?: string;
}

/** How one action's inputs feed AWS requests. */
export interface InputMap {
  /** Request parameter → the input it came from, e.g. `{ cluster: 'cluster', services: 'service' }`. */
  readonly params: Readonly<Record<string, string>>;
  /**
   * The value the step gave an input; when present, a parameter is blamed on its input only if it
   * carries that value (a task definition ARN read from the service is not the input's family).
   */
  readonly given?: (input: string) => string | undefined;
  /**
   * Operations whose whole request an input supplies, e.g. `{ 'ecs:RegisterTaskDefinition':
   * 'task-definition' }`: a refusal that names no mapped parameter is blamed on that input.
   */
  readonly requests?: Readonly<Record<string, string>>;
  /** Extra advice of this action per error code (e.g. its `create-repository` input). */
  readonly remedies?: Readonly<Record<string, string>>;
}

/** What to tell the user instead of AWS's bare message. */
export interface Explanation {
  readonly message: string;
  readonly hint: string;
  /** The input the failure is blamed on, if any. */
  readonly input?: string;
  /** True when naming the account would help (a "not found" with no account known yet). */
  readonly wantsAccount?: boolean;
}

/** AWS's codes for a denied call: JSON services, query services (STS, ELBv2), EC2. */
export const ACCESS_DENIED_CODES: ReadonlySet<string> = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
]);

/** What a "not found" code is about: the request parameters naming it, and its noun. */
interface Subject {
  readonly params: readonly string[];
  readonly noun: string;
  readonly check: string;
}

const CLUSTER: Subject = { params: ['cluster'], noun: 'cluster', check: 'the cluster name' };
const SERVICE: Subject = {
  params: ['service', 'services'],
  noun: 'service',
  check: 'the service name and the cluster it runs in',
};
const TASK_DEFINITION: Subject = {
  params: ['taskDefinition'],
  noun: 'task definition',
  check: 'the family (or family:revision, or ARN)',
};
const REPOSITORY: Subject = {
  params: ['repositoryName', 'repositoryNames'],
  noun: 'ECR repository',
  check: 'the repository name',
};
const TARGET_GROUP: Subject = {
  params: ['TargetGroupArn', 'TargetGroupArns'],
  noun: 'target group',
  check: 'the target group ARN',
};

/** The subject of a "not found" answer, by error code (and message where the code is generic). */
function notFoundSubject(code: string, message: string): Subject | undefined {
  switch (code) {
    case 'ClusterNotFoundException':
      return CLUSTER;
    case 'ServiceNotFoundException':
    case 'MISSING':
      return SERVICE;
    case 'RepositoryNotFoundException':
      return REPOSITORY;
    case 'TargetGroupNotFound':
    case 'TargetGroupNotFoundException':
      return TARGET_GROUP;
    case 'ClientException':
      return /unable to describe task definition/i.test(message) ? TASK_DEFINITION : undefined;
    default:
      return undefined;
  }
}

/** A parameter's value as text: a string or number, or the first string of a list. */
function valueOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** A parameter at the top of the request, or one level down (`deploymentConfiguration.maximumPercent`). */
function paramValue(params: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const top = valueOf(params[name]);
  if (top !== undefined) return top;
  for (const value of Object.values(params)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const nested = valueOf((value as Record<string, unknown>)[name]);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

const lastSegment = (s: string): string => s.slice(s.lastIndexOf('/') + 1);

/** The input a parameter came from, if the action says so and the value agrees. */
function inputOf(param: string, value: string, inputs: InputMap): string | undefined {
  const input = inputs.params[param];
  if (input === undefined || inputs.given === undefined) return input;
  const given = inputs.given(input);
  if (given === undefined) return undefined;
  return given === value || lastSegment(given) === lastSegment(value) ? input : undefined;
}

/** `Input 'cluster' is 'nope'`, or `Cluster 'nope'` when no input gave it. */
function named(noun: string, value: string, input: string | undefined): string {
  return input === undefined
    ? `${noun.charAt(0).toUpperCase()}${noun.slice(1)} '${value}'`
    : `Input '${input}' is '${value}'`;
}

function where(call: FailedCall, registry?: string, registryInput?: string): string {
  const region = call.region === undefined ? '' : ` in ${call.region}`;
  const account = registry ?? call.account;
  const what = registry === undefined ? 'account' : 'registry';
  const from = registryInput === undefined ? '' : `, input '${registryInput}'`;
  return `${region}${account === undefined ? '' : ` (${what} ${account}${from})`}`;
}

function withRemedy(hint: string, code: string, inputs: InputMap): string {
  const remedy = inputs.remedies?.[code];
  return remedy === undefined ? hint : `${hint} ${remedy}`;
}

function explainNotFound(call: FailedCall, subject: Subject, inputs: InputMap): Explanation {
  const param = subject.params.find((p) => valueOf(call.params[p]) !== undefined);
  const value = param === undefined ? undefined : valueOf(call.params[param]);
  const input =
    param === undefined || value === undefined ? undefined : inputOf(param, value, inputs);
  const cluster = valueOf(call.params.cluster);
  const inCluster =
    subject === SERVICE && cluster !== undefined
      ? ` of cluster '${cluster}'${inputOf('cluster', cluster, inputs) === undefined ? '' : ` (input '${inputs.params.cluster ?? ''}')`}`
      : '';
  // ECR names the registry it looked in; that is the account that matters there.
  const registryId = valueOf(call.params.registryId);
  const registryInput =
    registryId === undefined ? undefined : inputOf('registryId', registryId, inputs);
  const registry = /registry with id '(\d{12})'/.exec(call.message)?.[1] ?? registryId;
  const lead =
    value === undefined
      ? `No such ${subject.noun}`
      : `${named(subject.noun, value, input)}: no such ${subject.noun}`;
  const message = `${lead}${inCluster}${where(call, registry, registryInput)}.`;
  const account =
    registryInput === undefined
      ? 'the account of the credentials'
      : `the registry's account (input '${registryInput}')`;
  const hint = withRemedy(
    `Check the region (AWS_REGION), ${account}, and ${subject.check}.`,
    call.code,
    inputs,
  );
  return {
    message,
    hint,
    ...(input === undefined ? {} : { input }),
    ...(registry === undefined && call.account === undefined ? { wantsAccount: true } : {}),
  };
}

/** Why a service is not ACTIVE, by ServiceNotActiveException or by the status DescribeServices gave. */
const NOT_ACTIVE: Readonly<Record<string, string>> = {
  ServiceNotActiveException: 'it is being deleted, or was',
  DRAINING: 'status DRAINING: it is being deleted',
  INACTIVE: 'status INACTIVE: it was deleted',
};

function explainNotActive(call: FailedCall, inputs: InputMap, why: string): Explanation {
  const value = valueOf(call.params.service) ?? valueOf(call.params.services) ?? '?';
  const param = call.params.service === undefined ? 'services' : 'service';
  const input = inputOf(param, value, inputs);
  const cluster = valueOf(call.params.cluster);
  return {
    message: `${named('service', value, input)}: the service is not ACTIVE${cluster === undefined ? '' : ` in cluster '${cluster}'`} (${why}).`,
    hint: `Point ${input === undefined ? 'it' : `input '${input}'`} at an ACTIVE service (ECS shows a deleted one as INACTIVE for a while), or create the service again (Terraform/CDK/console).`,
    ...(input === undefined ? {} : { input }),
  };
}

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
function explainDenied(call: FailedCall, inputs: InputMap): Explanation {
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
      message: `Input '${input}' is '${value}': ${call.operation} refused it: ${call.message}`,
      hint: `Check input '${input}' against the message above.`,
      input,
    };
  }
  const input = inputs.requests?.[call.operation];
  if (input === undefined) return undefined;
  const given = inputs.given?.(input);
  return {
    message: `Input '${input}'${given === undefined ? '' : ` is '${given}'`}: ${call.operation} refused what it holds: ${call.message}`,
    hint: `Fix what input '${input}' holds as the message above says.`,
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
