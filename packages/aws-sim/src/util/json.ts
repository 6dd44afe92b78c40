import { AwsError } from '../errors.js';

/** Any JSON value, as parsed from a request body or written to a response. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  [key: string]: Json | undefined;
}

/** True when the value is a plain JSON object (not an array or null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(key: string, expected: string): AwsError {
  return new AwsError(
    'InvalidParameterException',
    `Invalid parameter '${key}': expected ${expected}.`,
  );
}

/** An optional string member; a wrong type is the caller's mistake, as in AWS. */
export function optString(input: JsonObject, key: string): string | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(key, 'a string');
  return v;
}

/** A required string member; missing or empty is InvalidParameterException. */
export function reqString(input: JsonObject, key: string): string {
  const v = optString(input, key);
  if (v === undefined || v === '') throw invalid(key, 'a non-empty string');
  return v;
}

/** An optional number member. */
export function optNumber(input: JsonObject, key: string): number | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(key, 'a number');
  return v;
}

/** An optional boolean member. */
export function optBoolean(input: JsonObject, key: string): boolean | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalid(key, 'a boolean');
  return v;
}

/** An optional object member. */
export function optObject(input: JsonObject, key: string): JsonObject | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalid(key, 'an object');
  return v;
}

/** An optional list member (absent → empty list). */
export function optArray(input: JsonObject, key: string): Json[] {
  const v = input[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(key, 'a list');
  return v;
}

/** A list member whose items must be objects. */
export function objectArray(input: JsonObject, key: string): JsonObject[] {
  return optArray(input, key).map((item) => {
    if (!isObject(item)) throw invalid(key, 'a list of objects');
    return item;
  });
}

/** A list member whose items must be strings. */
export function stringArray(input: JsonObject, key: string): string[] {
  return optArray(input, key).map((item) => {
    if (typeof item !== 'string') throw invalid(key, 'a list of strings');
    return item;
  });
}

/** Deep copy through JSON, so stored state never aliases request or response objects. */
export function clone<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Epoch milliseconds → the epoch-seconds number every AWS JSON timestamp uses. */
export function epochSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** Drops undefined members so responses contain only what is set. */
export function compact(obj: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}
