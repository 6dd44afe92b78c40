import { isArray, isObject, type JsonObject, type JsonValue } from './json.js';
import { childPath } from './path.js';
import { findPlaceholder } from './placeholders.js';
import { error, warning, type Problem } from './problems.js';
import { checkImage, type ImageOptions } from './validate-image.js';
import { checkValueFrom } from './validate-secrets.js';

/** Facts about the task that container checks depend on. */
export interface TaskContext extends ImageOptions {
  readonly awsvpc: boolean;
  readonly fargate: boolean;
  /** Task-level memory in MiB, when set and readable. */
  readonly taskMemory: number | undefined;
  readonly containerNames: ReadonlySet<string>;
  readonly volumeNames: ReadonlySet<string>;
}

const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
/** Docker refuses a memory limit below 6 MiB. */
const MIN_CONTAINER_MEMORY = 6;

/** Problems within one container definition, found at `path`. */
export function checkContainer(container: JsonObject, path: string, ctx: TaskContext): Problem[] {
  const at = (key: string): string => childPath(path, key);
  const problems: Problem[] = [];
  const name = container.name;
  if (name === undefined || name === '') {
    problems.push(
      error(
        at('name'),
        'container-name-missing',
        'name is missing or empty; every container needs one',
      ),
    );
  } else if (typeof name === 'string' && !CONTAINER_NAME.test(name)) {
    problems.push(
      error(
        at('name'),
        'container-name-invalid',
        `container name "${name}" may only hold letters, digits, "_" and "-" (at most 255)`,
      ),
    );
  }
  const image = container.image;
  if (image === undefined || typeof image === 'string')
    problems.push(...checkImage(image ?? '', at('image'), ctx));
  const envNames = namedEntries(container.environment, 'name', at('environment'));
  problems.push(...duplicates(envNames, 'duplicate-environment-name', 'environment variable'));
  problems.push(...environmentValues(container.environment, at('environment')));
  const secretNames = namedEntries(container.secrets, 'name', at('secrets'));
  problems.push(...duplicates(secretNames, 'duplicate-secret-name', 'secret'));
  problems.push(...secretsShadowingEnvironment(secretNames, envNames));
  problems.push(...valueFroms(container.secrets, at('secrets')));
  problems.push(...checkLogging(container.logConfiguration, at('logConfiguration')));
  problems.push(...checkNetworking(container, path, ctx));
  problems.push(...checkMemory(container, path, ctx));
  problems.push(...checkReferences(container, path, ctx));
  return problems;
}

interface Named {
  readonly name: string;
  readonly path: string;
}

function objects(list: JsonValue | undefined): [JsonObject, number][] {
  if (!isArray(list)) return [];
  return list.flatMap((item, i): [JsonObject, number][] => (isObject(item) ? [[item, i]] : []));
}

function namedEntries(list: JsonValue | undefined, key: string, path: string): Named[] {
  return objects(list).flatMap(([item, i]) => {
    const name = item[key];
    return typeof name === 'string' ? [{ name, path: childPath(childPath(path, i), key) }] : [];
  });
}

function duplicates(entries: readonly Named[], code: string, what: string): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    if (entry.name === '') {
      problems.push(
        error(entry.path, `${what.split(' ')[0] ?? what}-name-empty`, `${what} name is empty`),
      );
      continue;
    }
    const first = seen.get(entry.name);
    if (first === undefined) seen.set(entry.name, entry.path);
    else
      problems.push(
        error(
          entry.path,
          code,
          `${what} ${entry.name} is set again (first at ${first}); ECS keeps only one of them`,
          'Remove one of the two entries.',
        ),
      );
  }
  return problems;
}

function secretsShadowingEnvironment(secrets: readonly Named[], env: readonly Named[]): Problem[] {
  const envNames = new Set(env.map((e) => e.name));
  return secrets
    .filter((s) => s.name !== '' && envNames.has(s.name))
    .map((s) =>
      error(
        s.path,
        'secret-shadows-environment',
        `The secret name must be unique and not shared with any new or existing environment variables set on the container, such as '${s.name}'.`,
        `Remove ${s.name} from either environment or secrets.`,
      ),
    );
}

function environmentValues(list: JsonValue | undefined, path: string): Problem[] {
  return objects(list).flatMap(([item, i]) => {
    const value = item.value;
    const placeholder = typeof value === 'string' ? findPlaceholder(value) : undefined;
    if (placeholder === undefined) return [];
    return [
      warning(
        childPath(childPath(path, i), 'value'),
        'placeholder',
        `value holds ${placeholder}, which looks like an unrendered placeholder`,
        'If it is one, render or replace it; if the application expects this text, ignore this warning.',
      ),
    ];
  });
}

function valueFroms(list: JsonValue | undefined, path: string): Problem[] {
  return objects(list).flatMap(([item, i]) => {
    const valueFrom = item.valueFrom;
    return typeof valueFrom === 'string'
      ? checkValueFrom(valueFrom, childPath(childPath(path, i), 'valueFrom'))
      : [];
  });
}

function checkLogging(config: JsonValue | undefined, path: string): Problem[] {
  if (!isObject(config)) return [];
  const problems: Problem[] = [];
  const options = isObject(config.options) ? config.options : {};
  if (
    config.logDriver === 'awslogs' &&
    (typeof options['awslogs-group'] !== 'string' || options['awslogs-group'] === '')
  ) {
    problems.push(
      error(
        childPath(childPath(path, 'options'), 'awslogs-group'),
        'awslogs-group-missing',
        'the awslogs driver needs an awslogs-group option',
        'Set options["awslogs-group"], e.g. "/ecs/<family>".',
      ),
    );
  }
  for (const [key, value] of Object.entries(options)) {
    const placeholder = typeof value === 'string' ? findPlaceholder(value) : undefined;
    if (placeholder !== undefined) {
      problems.push(
        error(
          childPath(childPath(path, 'options'), key),
          'placeholder',
          `log option still holds the placeholder ${placeholder}`,
        ),
      );
    }
  }
  problems.push(...valueFroms(config.secretOptions, childPath(path, 'secretOptions')));
  return problems;
}

function checkNetworking(container: JsonObject, path: string, ctx: TaskContext): Problem[] {
  if (!ctx.awsvpc) return [];
  const problems: Problem[] = [];
  for (const [mapping, i] of objects(container.portMappings)) {
    const { containerPort, hostPort } = mapping;
    if (
      typeof hostPort === 'number' &&
      typeof containerPort === 'number' &&
      hostPort !== containerPort
    ) {
      problems.push(
        error(
          childPath(childPath(childPath(path, 'portMappings'), i), 'hostPort'),
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

function checkMemory(container: JsonObject, path: string, ctx: TaskContext): Problem[] {
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

function checkReferences(container: JsonObject, path: string, ctx: TaskContext): Problem[] {
  const problems: Problem[] = [];
  const links = container.links;
  if (!ctx.awsvpc && isArray(links)) {
    links.forEach((link, i) => {
      // A link is "name" or "name:alias".
      const target = typeof link === 'string' ? (link.split(':')[0] ?? '') : undefined;
      if (target !== undefined && !ctx.containerNames.has(target)) {
        problems.push(
          error(
            childPath(childPath(path, 'links'), i),
            'link-unknown-container',
            `link "${target}" names no container of this task definition`,
            `Link to one of: ${[...ctx.containerNames].join(', ')}.`,
          ),
        );
      }
    });
  }
  for (const [dep, i] of objects(container.dependsOn)) {
    const target = dep.containerName;
    if (typeof target === 'string' && !ctx.containerNames.has(target)) {
      problems.push(
        error(
          childPath(childPath(childPath(path, 'dependsOn'), i), 'containerName'),
          'depends-on-unknown-container',
          `dependsOn names "${target}", which is not a container of this task definition`,
        ),
      );
    }
  }
  for (const [mount, i] of objects(container.mountPoints)) {
    const volume = mount.sourceVolume;
    if (typeof volume === 'string' && !ctx.volumeNames.has(volume)) {
      problems.push(
        error(
          childPath(childPath(childPath(path, 'mountPoints'), i), 'sourceVolume'),
          'mount-unknown-volume',
          `sourceVolume "${volume}" is not one of the task's volumes`,
        ),
      );
    }
  }
  return problems;
}
