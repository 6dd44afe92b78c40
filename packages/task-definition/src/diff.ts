import { isArray, isObject, jsonEqual, type JsonObject, type JsonValue } from './json.js';
import { normalizeTaskDefinition, type CompareOptions } from './normalize.js';
import { childPath } from './path.js';
import type { TaskDefinitionDocument } from './types.js';

/** One difference between two normalized task definitions. */
export interface Change {
  /** Where, e.g. `containerDefinitions[name=web].environment[name=LOG_LEVEL].value`. */
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** The value in the first (live) definition; absent when added. */
  readonly before?: JsonValue;
  /** The value in the second (rendered) definition; absent when removed. */
  readonly after?: JsonValue;
}

/** Members that name list entries, tried in order; such lists are matched by name, not position. */
const ENTRY_KEYS = ['name', 'containerName', 'key', 'namespace', 'deviceName', 'type'];

/**
 * The changes from `before` (usually the live definition) to `after` (the rendered one), both
 * normalized first, so only differences ECS would act on appear. Empty when equivalent.
 */
export function diffTaskDefinitions(
  before: TaskDefinitionDocument,
  after: TaskDefinitionDocument,
  options: CompareOptions = {},
): Change[] {
  const changes: Change[] = [];
  compare(
    normalizeTaskDefinition(before, options),
    normalizeTaskDefinition(after, options),
    '',
    changes,
  );
  return changes;
}

/** True when ECS would treat the two definitions the same (their normalized forms are equal). */
export function isEquivalent(
  a: TaskDefinitionDocument,
  b: TaskDefinitionDocument,
  options: CompareOptions = {},
): boolean {
  return jsonEqual(normalizeTaskDefinition(a, options), normalizeTaskDefinition(b, options));
}

function compare(a: JsonValue, b: JsonValue, path: string, out: Change[]): void {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) compareMember(a, b, key, childPath(path, key), out);
    return;
  }
  if (isArray(a) && isArray(b)) {
    const entryKey = ENTRY_KEYS.find((key) => namedBy(a, key) && namedBy(b, key));
    if (entryKey !== undefined) {
      compareNamed(a, b, entryKey, path, out);
      return;
    }
    if (a.length === b.length) {
      a.forEach((item, i) => {
        compare(item, b[i] as JsonValue, childPath(path, i), out);
      });
      return;
    }
  }
  if (!jsonEqual(a, b)) out.push({ path, kind: 'changed', before: a, after: b });
}

function compareMember(
  a: JsonObject,
  b: JsonObject,
  key: string,
  path: string,
  out: Change[],
): void {
  const inA = Object.hasOwn(a, key);
  const inB = Object.hasOwn(b, key);
  if (inA && inB) compare(a[key] as JsonValue, b[key] as JsonValue, path, out);
  else if (inA) out.push({ path, kind: 'removed', before: a[key] });
  else out.push({ path, kind: 'added', after: b[key] });
}

/** True when every entry is an object with a distinct string `key`. */
function namedBy(list: readonly JsonValue[], key: string): boolean {
  const names = list.map((item) => (isObject(item) ? item[key] : undefined));
  return names.every((n) => typeof n === 'string') && new Set(names).size === names.length;
}

/** Matches entries by name, so an insertion shows as one added entry rather than a shifted list. */
function compareNamed(
  a: readonly JsonValue[],
  b: readonly JsonValue[],
  key: string,
  path: string,
  out: Change[],
): void {
  const index = (list: readonly JsonValue[]): Map<string, JsonObject> =>
    new Map(
      list.flatMap((item): [string, JsonObject][] => {
        const name = isObject(item) ? item[key] : undefined;
        return isObject(item) && typeof name === 'string' ? [[name, item]] : [];
      }),
    );
  const inA = index(a);
  const inB = index(b);
  const names = [...new Set([...inA.keys(), ...inB.keys()])].sort();
  for (const name of names) {
    const entryPath = `${path}[${key}=${name}]`;
    const x = inA.get(name);
    const y = inB.get(name);
    if (x !== undefined && y !== undefined) compare(x, y, entryPath, out);
    else if (x !== undefined) out.push({ path: entryPath, kind: 'removed', before: x });
    else if (y !== undefined) out.push({ path: entryPath, kind: 'added', after: y });
  }
}
