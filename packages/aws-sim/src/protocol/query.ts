import type { Json, JsonObject } from '../util/json.js';
import { isObject } from '../util/json.js';

/**
 * Parses an awsQuery form body into nested JSON: `Targets.member.2.Id=x` becomes
 * `{ Targets: [ , { Id: 'x' } ] }` (holes removed). A bare `Name=` (the SDK's empty list) is
 * treated as absent.
 */
export function parseQueryBody(body: string): JsonObject {
  const root: JsonObject = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split('.');
    if (path.length === 1 && value === '' && key !== 'Action' && key !== 'Version') continue;
    setPath(root, path, value);
  }
  return compactLists(root) as JsonObject;
}

type Container = JsonObject | Json[];

function setPath(root: JsonObject, path: string[], value: string): void {
  let node: Container = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] ?? '';
    const last = i === path.length - 1;
    const next = path[i + 1];
    // `member` is the list marker: the segment after it is a 1-based index.
    const wantsList = next === 'member';
    if (seg === 'member') continue;
    if (Array.isArray(node)) {
      const idx = Number(seg) - 1;
      if (last) node[idx] = value;
      else {
        const child: Json | undefined = node[idx];
        const created: Container = isContainer(child) ? child : wantsList ? [] : {};
        node[idx] = created;
        node = created;
      }
    } else {
      if (last) node[seg] = value;
      else {
        const child: Json | undefined = node[seg];
        const created: Container = isContainer(child) ? child : wantsList ? [] : {};
        node[seg] = created;
        node = created;
      }
    }
  }
}

function isContainer(v: Json | undefined): v is Container {
  return Array.isArray(v) || isObject(v);
}

function compactLists(v: Json): Json {
  // Object.values skips the holes of a sparse array, e.g. `member.2` given without `member.1`.
  if (Array.isArray(v)) return Object.values(v).map(compactLists);
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, child] of Object.entries(v))
      if (child !== undefined) out[k] = compactLists(child);
    return out;
  }
  return v;
}
