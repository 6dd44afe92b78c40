import type { Shape } from './types.js';

/**
 * How scalars are encoded: awsJson sends typed JSON values and epoch-seconds timestamps; awsQuery
 * requests carry every scalar as a string, and its XML responses ISO 8601 timestamps.
 */
export interface Encoding {
  scalars: 'typed' | 'strings';
  timestamps: 'epoch-seconds' | 'iso8601';
}

/** awsJson bodies, both directions. */
export const JSON_ENCODING: Encoding = { scalars: 'typed', timestamps: 'epoch-seconds' };
/** awsQuery requests after form decoding. */
export const QUERY_INPUT_ENCODING: Encoding = { scalars: 'strings', timestamps: 'iso8601' };
/** awsQuery results as the handlers build them, before XML serialisation. */
export const QUERY_OUTPUT_ENCODING: Encoding = { scalars: 'typed', timestamps: 'iso8601' };

const INT32 = 2 ** 31;
const ISO8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The number a numeric scalar stands for, or undefined when it is not one in this encoding. */
function numeric(value: unknown, enc: Encoding): number | undefined {
  if (typeof value === 'number') return enc.scalars === 'typed' ? value : undefined;
  if (enc.scalars === 'strings' && typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

/**
 * Checks a scalar's type; returns what was expected when it does not match (`undefined` when it
 * does). Numbers come back in `number` for the range check.
 */
export function checkScalar(
  shape: Shape,
  value: unknown,
  enc: Encoding,
): { expected?: string; number?: number } {
  switch (shape.type) {
    case 'string':
      return typeof value === 'string' ? {} : { expected: 'a string' };
    case 'boolean':
      if (typeof value === 'boolean' && enc.scalars === 'typed') return {};
      if (enc.scalars === 'strings' && (value === 'true' || value === 'false')) return {};
      return { expected: 'a boolean' };
    case 'integer':
    case 'long': {
      const n = numeric(value, enc);
      const limit = shape.type === 'integer' ? INT32 : Number.MAX_SAFE_INTEGER;
      if (n === undefined || !Number.isInteger(n) || n < -limit || n >= limit)
        return { expected: shape.type === 'integer' ? 'a 32-bit integer' : 'a 64-bit integer' };
      return { number: n };
    }
    case 'float':
    case 'double': {
      const n = numeric(value, enc);
      return n === undefined || !Number.isFinite(n) ? { expected: 'a number' } : { number: n };
    }
    case 'timestamp':
      if (enc.timestamps === 'epoch-seconds')
        return typeof value === 'number' && Number.isFinite(value)
          ? {}
          : { expected: 'a timestamp in epoch seconds (a number)' };
      return typeof value === 'string' && ISO8601.test(value)
        ? {}
        : { expected: 'an ISO 8601 timestamp' };
    case 'blob':
      return typeof value === 'string' && BASE64.test(value)
        ? {}
        : { expected: 'a base64-encoded blob' };
    default:
      return { expected: `a ${shape.type}` };
  }
}
