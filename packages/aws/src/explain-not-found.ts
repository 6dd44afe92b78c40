// "Not found" and "not active" answers, explained by the input that named the missing thing.
// Codes from packages/aws-sim/models/*.json; ECR's message names the registry it looked in.
import type { Explanation, FailedCall, InputMap } from './explain-types.js';
import { inputOf, named, valueOf } from './explain-params.js';

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
export function notFoundSubject(code: string, message: string): Subject | undefined {
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

export function explainNotFound(call: FailedCall, subject: Subject, inputs: InputMap): Explanation {
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
export const NOT_ACTIVE: Readonly<Record<string, string>> = {
  ServiceNotActiveException: 'it is being deleted, or was',
  DRAINING: 'status DRAINING: it is being deleted',
  INACTIVE: 'status INACTIVE: it was deleted',
};

export function explainNotActive(call: FailedCall, inputs: InputMap, why: string): Explanation {
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
