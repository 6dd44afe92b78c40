import { isArray, type JsonObject } from './json.js';
import { childPath } from './path.js';
import { error, type Problem } from './problems.js';
import { objectEntries, type TaskContext } from './task-context.js';

/*
 * Container checks that depend on the task around it: network mode, task memory, and the other
 * containers and volumes a container refers to.
 */

/** Docker refuses a memory limit below 6 MiB. */
const MIN_CONTAINER_MEMORY = 6;

/** awsvpc rules: host port equals container port, no hostname, no links. */
export function checkNetworking(container: JsonObject, path: string, ctx: TaskContext): Problem[] {
  if (!ctx.awsvpc) return [];
  const problems: Problem[] = [];
  for (const [mapping, i] of objectEntries(container.portMappings)) {
    const { containerPort, hostPort } = mapping;
    if (
      typeof hostPort === 'number' &&
      typeof containerPort === 'number' &&
      hostPort !== containerPort
    ) {
      problems.push(
        error(
          childPath(path, 'portMappings', i, 'hostPort'),
          'awsvpc-host-port',
          `When networkMode=awsvpc, the host ports and container ports in port mappings must match (hostPort ${hostPort}, containerPort ${containerPort}).`,
          `Set hostPort to ${containerPort} or leave it out.`,
        ),
      );
    }
  }
  if (container.hostname !== undefined) {
    problems.push(
      error(
        childPath(path, 'hostname'),
        'awsvpc-hostname',
        'hostname is not supported on container when networkMode=awsvpc.',
        'Remove hostname.',
      ),
    );
  }
  if (isArray(container.links) && container.links.length > 0) {
    problems.push(
      error(
        childPath(path, 'links'),
        'awsvpc-links',
        'links are not supported when networkMode=awsvpc; containers in the task reach each other on localhost',
        'Remove links.',
      ),
    );
  }
  return problems;
}

/** Container memory limits: present when nothing else bounds them, sane, and within the task's. */
export function checkMemory(container: JsonObject, path: string, ctx: TaskContext): Problem[] {
  const memory = container.memory;
  const reservation = container.memoryReservation;
  const hasMemory = typeof memory === 'number';
  const hasReservation = typeof reservation === 'number';
  const name = typeof container.name === 'string' ? container.name : '';
  if (!ctx.fargate && ctx.taskMemory === undefined && !hasMemory && !hasReservation) {
    return [
      error(
        childPath(path, 'memory'),
        'container-memory-missing',
        `Invalid setting for container '${name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
        'Set memory (a hard limit) or memoryReservation (a soft limit) in MiB, or set task-level memory.',
      ),
    ];
  }
  const problems: Problem[] = [];
  if (hasMemory && memory < MIN_CONTAINER_MEMORY) {
    problems.push(
      error(
        childPath(path, 'memory'),
        'container-memory-too-small',
        `memory ${memory} MiB is below the ${MIN_CONTAINER_MEMORY} MiB Docker allows`,
      ),
    );
  }
  if (hasReservation && reservation <= 0) {
    problems.push(
      error(
        childPath(path, 'memoryReservation'),
        'container-memory-too-small',
        `memoryReservation ${reservation} must be greater than 0`,
      ),
    );
  }
  if (hasMemory && hasReservation && reservation > memory) {
    problems.push(
      error(
        childPath(path, 'memoryReservation'),
        'memory-reservation-above-memory',
        `memoryReservation (${reservation}) is greater than memory (${memory})`,
      ),
    );
  }
  if (hasMemory && ctx.taskMemory !== undefined && memory > ctx.taskMemory) {
    problems.push(
      error(
        childPath(path, 'memory'),
        'container-memory-above-task',
        `The 'memory' setting for container '${name}' is greater than for the task.`,
      ),
    );
  }
  return problems;
}

/** Names a container refers to (links, dependsOn, mount volumes) must exist in the task. */
export function checkReferences(container: JsonObject, path: string, ctx: TaskContext): Problem[] {
  const problems: Problem[] = [];
  const links = container.links;
  if (!ctx.awsvpc && isArray(links)) {
    links.forEach((link, i) => {
      // A link is "name" or "name:alias".
      const target = typeof link === 'string' ? (link.split(':')[0] ?? '') : undefined;
      if (target !== undefined && !ctx.containerNames.has(target)) {
        problems.push(
          error(
            childPath(path, 'links', i),
            'link-unknown-container',
            `link "${target}" names no container of this task definition`,
            `Link to one of: ${[...ctx.containerNames].join(', ')}.`,
          ),
        );
      }
    });
  }
  for (const [dep, i] of objectEntries(container.dependsOn)) {
    const target = dep.containerName;
    if (typeof target === 'string' && !ctx.containerNames.has(target)) {
      problems.push(
        error(
          childPath(path, 'dependsOn', i, 'containerName'),
          'depends-on-unknown-container',
          `dependsOn names "${target}", which is not a container of this task definition`,
        ),
      );
    }
  }
  for (const [mount, i] of objectEntries(container.mountPoints)) {
    const volume = mount.sourceVolume;
    if (typeof volume === 'string' && !ctx.volumeNames.has(volume)) {
      problems.push(
        error(
          childPath(path, 'mountPoints', i, 'sourceVolume'),
          'mount-unknown-volume',
          `sourceVolume "${volume}" is not one of the task's volumes`,
        ),
      );
    }
  }
  return problems;
}
