import { parse as parseYaml } from 'yaml';
import { SimConfigError } from '../errors.js';
import { isObject } from '../util/json.js';
import type { Seed } from './types.js';

const SECTIONS = [
  'clusters',
  'targetGroups',
  'repositories',
  'taskDefinitions',
  'services',
  'scenarios',
] as const;
const KNOWN = new Set<string>(['account', 'region', 'identity', 'timings', ...SECTIONS]);

/** Parses a seed document (JSON is YAML, so one parser reads both) and checks its outline. */
export function parseSeed(text: string, source = 'seed'): Seed {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new SimConfigError(
      `${source}: not valid JSON or YAML: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (doc === null || doc === undefined) return {};
  return checkSeed(doc, source);
}

/** Checks that a value looks like a Seed (top-level keys and list sections). */
export function checkSeed(doc: unknown, source = 'seed'): Seed {
  if (!isObject(doc)) throw new SimConfigError(`${source}: the top level must be a mapping`);
  for (const key of Object.keys(doc)) {
    if (!KNOWN.has(key)) {
      throw new SimConfigError(
        `${source}: unknown key '${key}' (expected one of ${[...KNOWN].join(', ')})`,
      );
    }
  }
  for (const section of SECTIONS) {
    const v = doc[section];
    if (v !== undefined && !Array.isArray(v))
      throw new SimConfigError(`${source}: '${section}' must be a list`);
  }
  if (
    doc.account !== undefined &&
    !(typeof doc.account === 'string' && /^\d{12}$/.test(doc.account))
  ) {
    throw new SimConfigError(`${source}: 'account' must be a 12-digit string (quote it in YAML)`);
  }
  return doc;
}

/** Replaces `{{registry}}`, `{{account}}`, `{{region}}` in every string of a value. */
export function substitute<T>(value: T, vars: Readonly<Record<string, string>>): T {
  const text = JSON.stringify(value).replace(
    /\{\{(\w+)\}\}/g,
    (m, name: string) => vars[name] ?? m,
  );
  return JSON.parse(text) as T;
}
