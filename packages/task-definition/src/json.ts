/** A JSON value as `JSON.parse` produces it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object; key order is insertion order, which this package preserves everywhere. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for an array. */
export function isArray(value: unknown): value is JsonValue[] {
  return Array.isArray(value);
}

/**
 * Sets an own property. A plain assignment of `__proto__` would replace the prototype instead of
 * adding a key, and `JSON.parse` does produce such keys, so copies go through here.
 */
export function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** A deep copy that keeps key order. */
export function cloneJson<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) setOwn(out, key, cloneJson(item));
    return out as T;
  }
  return value;
}

/**
 * Removes object members whose value is `null`, at any depth, keeping key order. Console exports
 * and describe output spell "unset" as `null`, which RegisterTaskDefinition does not accept for
 * most fields. Nulls inside arrays are kept: they are mistakes that validation should report.
 */
export function stripNulls<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => stripNulls(item)) as T;
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== null) setOwn(out, key, stripNulls(item));
    }
    return out as T;
  }
  return value;
}

/** Structural equality of two JSON values; key order does not matter, array order does. */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => jsonEqual(item, b[i] as JsonValue))
    );
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every(
      (key) => Object.hasOwn(b, key) && jsonEqual(a[key] as JsonValue, b[key] as JsonValue),
    );
  }
  return false;
}

/** A stable JSON text (keys sorted) used as a sort key for lists whose order carries no meaning. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
