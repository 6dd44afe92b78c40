import {
  canonicalJson,
  isArray,
  isObject,
  setOwn,
  stripNulls,
  type JsonObject,
  type JsonValue,
} from './json.js';
import { stripReadOnlyFields } from './read-only.js';
import type { TaskDefinitionDocument } from './types.js';
import { readTaskSize } from './units.js';

/*
 * Puts a task definition in a canonical form so that two definitions ECS treats the same compare
 * equal: the defaults ECS fills in on registration are filled in, lists whose order ECS ignores
 * are sorted, unit strings become the integers ECS stores, and read-only members, nulls, and
 * empty lists and maps are dropped. The result is for comparing only, never for registering.
 */

/** How to sort one list: by the member that names each entry, or by the whole entry ('canonical'). */
type SortBy = string;

/** Task-level lists whose order carries no meaning. */
const TASK_LISTS: Readonly<Record<string, SortBy>> = {
  requiresCompatibilities: 'canonical',
  placementConstraints: 'canonical',
  volumes: 'name',
  tags: 'key',
  inferenceAccelerators: 'deviceName',
  containerDefinitions: 'name',
};

/** Container-level lists whose order carries no meaning. dnsServers, command and the like keep theirs. */
const CONTAINER_LISTS: Readonly<Record<string, SortBy>> = {
  environment: 'name',
  secrets: 'name',
  portMappings: 'canonical',
  mountPoints: 'canonical',
  volumesFrom: 'canonical',
  links: 'canonical',
  dependsOn: 'containerName',
  ulimits: 'name',
  extraHosts: 'canonical',
  systemControls: 'namespace',
  resourceRequirements: 'type',
  dockerSecurityOptions: 'canonical',
};

/** Options for normalization and everything that compares. */
export interface CompareOptions {
  /**
   * Leave `tags` out. Tags do not change how a task runs, and ones that carry a run id or a
   * commit differ on every run, so "skip registering when unchanged" should ignore them.
   */
  readonly ignoreTags?: boolean;
}

/** Canonical form of a task definition for comparison (see module comment). */
export function normalizeTaskDefinition(
  definition: TaskDefinitionDocument,
  options: CompareOptions = {},
): TaskDefinitionDocument {
  const task = stripReadOnlyFields(stripNulls(definition));
  if (options.ignoreTags === true) delete task.tags;
  const mode = typeof task.networkMode === 'string' ? task.networkMode : 'bridge';
  const out: JsonObject = { ...task };
  for (const key of ['cpu', 'memory'] as const) {
    const value = task[key];
    const units =
      typeof value === 'string' || typeof value === 'number' ? readTaskSize(value, key) : undefined;
    if (typeof units === 'number') out[key] = String(units);
  }
  const proxy = task.proxyConfiguration;
  if (isObject(proxy) && isArray(proxy.properties)) {
    out.proxyConfiguration = { ...proxy, properties: sortList(proxy.properties, 'name') };
  }
  const containers = task.containerDefinitions;
  if (isArray(containers)) {
    out.containerDefinitions = containers.map((c) =>
      isObject(c) ? normalizeContainer(c, mode) : c,
    );
  }
  return compact(sortLists(out, TASK_LISTS)) as JsonObject;
}

function normalizeContainer(container: JsonObject, networkMode: string): JsonObject {
  const out: JsonObject = { essential: true, cpu: 0, ...container };
  const ports = container.portMappings;
  if (isArray(ports))
    out.portMappings = ports.map((p) => (isObject(p) ? normalizePort(p, networkMode) : p));
  for (const key of ['mountPoints', 'volumesFrom']) {
    const list = container[key];
    if (isArray(list)) out[key] = list.map((m) => (isObject(m) ? { readOnly: false, ...m } : m));
  }
  const health = container.healthCheck;
  if (isObject(health)) out.healthCheck = { interval: 30, timeout: 5, retries: 3, ...health };
  const log = container.logConfiguration;
  if (isObject(log) && isArray(log.secretOptions)) {
    out.logConfiguration = { ...log, secretOptions: sortList(log.secretOptions, 'name') };
  }
  const linux = container.linuxParameters;
  if (isObject(linux)) out.linuxParameters = normalizeLinux(linux);
  return sortLists(out, CONTAINER_LISTS);
}

function normalizePort(mapping: JsonObject, networkMode: string): JsonObject {
  // awsvpc and host publish the container port itself; bridge picks a dynamic one (hostPort 0).
  const hostPort = networkMode === 'awsvpc' || networkMode === 'host' ? mapping.containerPort : 0;
  const defaults: JsonObject = { protocol: 'tcp' };
  if (hostPort !== undefined && mapping.containerPortRange === undefined)
    defaults.hostPort = hostPort;
  return { ...defaults, ...mapping };
}

function normalizeLinux(linux: JsonObject): JsonObject {
  const out: JsonObject = { ...linux };
  const caps = linux.capabilities;
  if (isObject(caps)) {
    out.capabilities = sortLists({ ...caps }, { add: 'canonical', drop: 'canonical' });
  }
  return sortLists(out, { devices: 'canonical', tmpfs: 'canonical' });
}

function sortLists(object: JsonObject, lists: Readonly<Record<string, SortBy>>): JsonObject {
  for (const [key, by] of Object.entries(lists)) {
    const list = object[key];
    if (isArray(list)) object[key] = sortList(list, by);
  }
  return object;
}

function sortList(list: readonly JsonValue[], by: SortBy): JsonValue[] {
  const keyOf = (item: JsonValue): string => {
    const named = by !== 'canonical' && isObject(item) ? item[by] : undefined;
    // Entries are ordered by their name first, then in full, so equal names still sort stably.
    return `${typeof named === 'string' ? named : ''}\u0000${canonicalJson(item)}`;
  };
  // Keys are computed once per entry, not once per comparison.
  return list
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => compareStrings(a.key, b.key))
    .map(({ item }) => item);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts object keys and drops empty lists and maps at any depth, so layout never shows in a diff. */
function compact(value: JsonValue): JsonValue | undefined {
  if (isArray(value)) {
    const items = value.map((item) => compact(item) ?? item);
    return items.length === 0 ? undefined : items;
  }
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(value).sort()) {
      const item = compact(value[key] as JsonValue);
      if (item !== undefined) setOwn(out, key, item);
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}
