import { ParseError } from './errors.js';
import { fargateMemoryChoices, FARGATE_CPU_VALUES, isFargateSize } from './fargate.js';
import { isArray, isObject, type JsonObject } from './json.js';
import { childPath } from './path.js';
import { findPlaceholder } from './placeholders.js';
import { error, type Problem } from './problems.js';
import { parseCpu, parseMemory } from './units.js';
import type { TaskContext } from './validate-container.js';

const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;
const NETWORK_MODES = ['bridge', 'host', 'awsvpc', 'none'];
const COMPATIBILITIES = ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'];
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ECR_PRIVATE = /^\d{12}\.dkr\.ecr\./;

/** Task-level memory in MiB when it is set and readable; undefined otherwise. */
export function taskMemory(definition: JsonObject): number | undefined {
  return readUnit(definition.memory, parseMemory);
}

function readUnit(value: unknown, parse: (v: string) => number): number | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return parse(value);
  } catch {
    return undefined;
  }
}

/** Task-level problems: family, container list, network mode, Fargate sizing, roles. */
export function checkTask(
  definition: JsonObject,
  containers: readonly JsonObject[],
  ctx: TaskContext,
): Problem[] {
  return [
    ...checkFamily(definition),
    ...checkContainerList(definition, containers),
    ...checkEnums(definition),
    ...checkSize(definition, ctx),
    ...checkRole(definition, 'taskRoleArn'),
    ...checkRole(definition, 'executionRoleArn'),
    ...checkExecutionRoleNeeded(definition, containers, ctx),
    ...checkProxy(definition, ctx),
  ];
}

function checkFamily(definition: JsonObject): Problem[] {
  const family = definition.family;
  if (family === undefined || family === '') {
    const arn = definition.taskDefinitionArn;
    const named = typeof arn === 'string' ? /task-definition\/([^:]+)/.exec(arn)?.[1] : undefined;
    const hint = named === undefined ? '' : ` The taskDefinitionArn names the family "${named}".`;
    return [
      error(
        'family',
        'family-missing',
        'family is missing or empty; RegisterTaskDefinition requires it',
        `Set "family" to the task definition family name.${hint}`,
      ),
    ];
  }
  if (typeof family === 'string' && !FAMILY.test(family)) {
    return [
      error(
        'family',
        'family-invalid',
        `family "${family}" may only hold letters, digits, "_" and "-" (at most 255)`,
      ),
    ];
  }
  return [];
}

function checkContainerList(definition: JsonObject, containers: readonly JsonObject[]): Problem[] {
  const list = definition.containerDefinitions;
  if (list === undefined || (isArray(list) && list.length === 0)) {
    return [
      error(
        'containerDefinitions',
        'containers-missing',
        'Container list cannot be empty.',
        'Add at least one container under "containerDefinitions".',
      ),
    ];
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  containers.forEach((container, i) => {
    const name = container.name;
    if (typeof name !== 'string' || name === '') return;
    if (seen.has(name)) {
      problems.push(
        error(
          childPath(childPath('containerDefinitions', i), 'name'),
          'duplicate-container-name',
          `container name "${name}" is used more than once`,
          'Give every container a distinct name.',
        ),
      );
    }
    seen.add(name);
  });
  // essential is true when omitted, so only an explicit false on every container is a fault.
  if (containers.length > 0 && containers.every((c) => c.essential === false)) {
    problems.push(
      error(
        'containerDefinitions',
        'no-essential-container',
        'no container is essential; a task needs at least one',
        'Set "essential": true on the main container (or remove "essential": false; it defaults to true).',
      ),
    );
  }
  return problems;
}

function checkEnums(definition: JsonObject): Problem[] {
  const problems: Problem[] = [];
  const mode = definition.networkMode;
  if (typeof mode === 'string' && !NETWORK_MODES.includes(mode)) {
    problems.push(
      error(
        'networkMode',
        'network-mode-invalid',
        `networkMode "${mode}" is not one of ${NETWORK_MODES.join(', ')}`,
      ),
    );
  }
  const compat = definition.requiresCompatibilities;
  if (isArray(compat)) {
    compat.forEach((value, i) => {
      if (typeof value === 'string' && !COMPATIBILITIES.includes(value)) {
        problems.push(
          error(
            childPath('requiresCompatibilities', i),
            'compatibility-invalid',
            `"${value}" is not one of ${COMPATIBILITIES.join(', ')}`,
          ),
        );
      }
    });
  }
  return problems;
}

function checkSize(definition: JsonObject, ctx: TaskContext): Problem[] {
  const problems: Problem[] = [];
  const read = (key: 'cpu' | 'memory', parse: (v: string) => number): number | undefined => {
    const value = definition[key];
    if (typeof value !== 'string') return undefined;
    try {
      return parse(value);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      problems.push(error(key, `${key}-invalid`, e.reason));
      return undefined;
    }
  };
  const cpu = read('cpu', parseCpu);
  const memory = read('memory', parseMemory);
  if (!ctx.fargate) return problems;
  if (definition.networkMode !== 'awsvpc') {
    problems.push(
      error(
        'networkMode',
        'fargate-network-mode',
        'Fargate only supports network mode ‘awsvpc’.',
        'Set "networkMode": "awsvpc".',
      ),
    );
  }
  if (definition.cpu === undefined) {
    problems.push(
      error(
        'cpu',
        'fargate-cpu-missing',
        "Fargate requires that 'cpu' be defined at the task level.",
        `Set "cpu" to one of ${FARGATE_CPU_VALUES.join(', ')}.`,
      ),
    );
  }
  if (definition.memory === undefined) {
    problems.push(
      error(
        'memory',
        'fargate-memory-missing',
        "Fargate requires that 'memory' be defined at the task level.",
      ),
    );
  }
  if (cpu !== undefined && memory !== undefined && !isFargateSize(cpu, memory)) {
    const choices = fargateMemoryChoices(cpu);
    problems.push(
      error(
        'memory',
        'fargate-size',
        `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory.`,
        choices === undefined
          ? `Fargate task cpu must be one of ${FARGATE_CPU_VALUES.join(', ')}.`
          : `With cpu ${cpu}, memory must be ${choices} (MiB).`,
      ),
    );
  }
  return problems;
}

function checkRole(definition: JsonObject, key: 'taskRoleArn' | 'executionRoleArn'): Problem[] {
  const value = definition[key];
  if (typeof value !== 'string') return [];
  if (value.trim() === '') {
    return [
      error(key, 'role-empty', `${key} is empty`, `Remove "${key}" or set it to an IAM role ARN.`),
    ];
  }
  const placeholder = findPlaceholder(value);
  if (placeholder !== undefined) {
    return [
      error(
        key,
        'placeholder',
        `${key} still holds the placeholder ${placeholder}`,
        'Replace it with the IAM role ARN.',
      ),
    ];
  }
  if (ROLE_ARN.test(value) || ROLE_NAME.test(value)) return [];
  return [
    error(
      key,
      'role-arn-invalid',
      `"${value}" is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>) or role name`,
    ),
  ];
}

/** Secrets, registry credentials, and on Fargate awslogs and private ECR pulls, run as the execution role. */
function checkExecutionRoleNeeded(
  definition: JsonObject,
  containers: readonly JsonObject[],
  ctx: TaskContext,
): Problem[] {
  if (typeof definition.executionRoleArn === 'string' && definition.executionRoleArn !== '')
    return [];
  const reasons = new Set<string>();
  for (const c of containers) {
    const log = isObject(c.logConfiguration) ? c.logConfiguration : {};
    if (isArray(c.secrets) && c.secrets.length > 0) reasons.add('secrets');
    if (isArray(log.secretOptions) && log.secretOptions.length > 0)
      reasons.add('log secretOptions');
    if (c.repositoryCredentials !== undefined) reasons.add('repositoryCredentials');
    if (ctx.fargate && log.logDriver === 'awslogs') reasons.add('the awslogs driver on Fargate');
    if (ctx.fargate && typeof c.image === 'string' && ECR_PRIVATE.test(c.image))
      reasons.add('private ECR images on Fargate');
  }
  if (reasons.size === 0) return [];
  return [
    error(
      'executionRoleArn',
      'execution-role-missing',
      `executionRoleArn is missing, but ${[...reasons].join(', ')} need${reasons.size === 1 ? 's' : ''} the task execution role`,
      'Set "executionRoleArn" to a role that trusts ecs-tasks.amazonaws.com (e.g. with AmazonECSTaskExecutionRolePolicy).',
    ),
  ];
}

function checkProxy(definition: JsonObject, ctx: TaskContext): Problem[] {
  const proxy = definition.proxyConfiguration;
  const name = isObject(proxy) ? proxy.containerName : undefined;
  if (typeof name !== 'string' || ctx.containerNames.has(name)) return [];
  return [
    error(
      'proxyConfiguration.containerName',
      'proxy-unknown-container',
      `proxyConfiguration names container "${name}", which is not in this task definition`,
    ),
  ];
}
