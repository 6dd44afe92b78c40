import { isArray, isObject, type JsonObject } from './json.js';
import { childPath } from './path.js';
import { error, type Problem } from './problems.js';
import type { TaskContext } from './task-context.js';
import { checkExecutionRoleNeeded, checkRole } from './validate-roles.js';
import { checkQuotas } from './validate-quotas.js';
import { checkSize } from './validate-sizing.js';

const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;

const NETWORK_MODES = ['bridge', 'host', 'awsvpc', 'none'];

const COMPATIBILITIES = ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'];

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
    ...checkQuotas(definition),
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
          childPath('containerDefinitions', i, 'name'),
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
