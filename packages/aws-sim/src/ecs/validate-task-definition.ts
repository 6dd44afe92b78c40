import { AwsError } from '../errors.js';
import type { JsonObject } from '../util/json.js';
import { isObject } from '../util/json.js';
import { isValidFargatePair } from './fargate.js';

function client(message: string): AwsError {
  return new AwsError('ClientException', message);
}

/**
 * Checks a normalised RegisterTaskDefinition input the way ECS does and throws ClientException
 * with ECS's own message for the first problem found (docs/aws-behaviour.md#validation-errors).
 */
export function validateTaskDefinition(td: JsonObject): void {
  const containers = Array.isArray(td.containerDefinitions)
    ? td.containerDefinitions.filter(isObject)
    : [];
  if (containers.length === 0) throw client('Container list cannot be empty.');
  const compat = Array.isArray(td.requiresCompatibilities) ? td.requiresCompatibilities : [];
  const fargate = compat.includes('FARGATE');
  const awsvpc = td.networkMode === 'awsvpc';
  const taskMemory = typeof td.memory === 'string' ? Number(td.memory) : undefined;
  const taskCpu = typeof td.cpu === 'string' ? Number(td.cpu) : undefined;
  for (const c of containers) {
    if (typeof c.name !== 'string' || c.name === '')
      throw client('Container.name should not be null or empty.');
    if (typeof c.image !== 'string' || c.image.trim() === '') {
      throw client('Container.image should not be null or empty.');
    }
  }
  if (taskCpu !== undefined && (!Number.isFinite(taskCpu) || taskCpu < 128 || taskCpu > 196608)) {
    throw client(
      "Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
    );
  }
  if (fargate) {
    if (taskCpu === undefined)
      throw client("Fargate requires that 'cpu' be defined at the task level.");
    if (taskMemory === undefined)
      throw client("Fargate requires that 'memory' be defined at the task level.");
    if (!awsvpc) throw client('Fargate only supports network mode \u2018awsvpc\u2019.');
    if (!isValidFargatePair(taskCpu, taskMemory)) {
      throw client(
        `No Fargate configuration exists for given values: ${td.cpu as string} CPU, ${td.memory as string} memory. See the Amazon ECS documentation for the valid values.`,
      );
    }
    if (typeof td.pidMode === 'string' && td.pidMode !== 'task') {
      throw client(
        `Tasks using the Fargate launch type do not support pidMode '${td.pidMode}'. The supported value for pidMode is 'task'.`,
      );
    }
  }
  for (const c of containers) validateContainer(c, { awsvpc, taskMemory });
}

function validateContainer(
  c: JsonObject,
  task: { awsvpc: boolean; taskMemory: number | undefined },
): void {
  const name = c.name as string;
  const memory = typeof c.memory === 'number' ? c.memory : undefined;
  if (
    task.taskMemory === undefined &&
    memory === undefined &&
    typeof c.memoryReservation !== 'number'
  ) {
    throw client(
      `Invalid setting for container '${name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
    );
  }
  if (memory !== undefined && task.taskMemory !== undefined && memory > task.taskMemory) {
    throw client(`The 'memory' setting for container '${name}' is greater than for the task.`);
  }
  if (task.awsvpc) {
    const ports = Array.isArray(c.portMappings) ? c.portMappings.filter(isObject) : [];
    for (const p of ports) {
      if (
        typeof p.hostPort === 'number' &&
        typeof p.containerPort === 'number' &&
        p.hostPort !== p.containerPort
      ) {
        throw client(
          'When networkMode=awsvpc, the host ports and container ports in port mappings must match.',
        );
      }
    }
    if (typeof c.hostname === 'string')
      throw client('hostname is not supported on container when networkMode=awsvpc.');
  }
  const envNames = new Set(
    (Array.isArray(c.environment) ? c.environment.filter(isObject) : [])
      .map((e) => e.name)
      .filter((n) => typeof n === 'string'),
  );
  for (const s of Array.isArray(c.secrets) ? c.secrets.filter(isObject) : []) {
    if (typeof s.name === 'string' && envNames.has(s.name)) {
      throw client(
        `The secret name must be unique and not shared with any new or existing environment variables set on the container, such as '${s.name}'.`,
      );
    }
  }
}
