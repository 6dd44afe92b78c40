/**
 * Smithy RPC v2 CBOR (`smithy-rpc-v2-cbor`), the protocol botocore picks first for CloudWatch:
 * `POST /service/<targetPrefix>/operation/<Operation>`, header `smithy-protocol: rpc-v2-cbor`, a
 * CBOR map body, timestamps as tag 1 (epoch seconds), blobs as byte strings
 * (docs/aws-behaviour.md#cloudwatch-alarms). The codec is @smithy/core's; this file only maps
 * between CBOR values and the JSON values the handlers and the model check work with.
 */
import { cbor, tag, tagSymbol } from '@smithy/core/cbor';
import type { ServiceModel } from '../model/types.js';
import type { Json, JsonObject } from '../util/json.js';
import { isObject } from '../util/json.js';

/** The header every rpc-v2-cbor request and response carries. */
export const SMITHY_PROTOCOL_HEADER = 'smithy-protocol';
export const RPC_V2_CBOR = 'rpc-v2-cbor';

const PATH = /^\/service\/([^/]+)\/operation\/([^/?]+)$/;

/** Splits `/service/<prefix>/operation/<Operation>`; undefined for any other path. */
export function parseRpcV2Path(path: string): { prefix: string; operation: string } | undefined {
  const m = PATH.exec(path);
  return m?.[1] !== undefined && m[2] !== undefined
    ? { prefix: decodeURIComponent(m[1]), operation: decodeURIComponent(m[2]) }
    : undefined;
}

/** A tagged item as @smithy/core's decoder returns it (marked with its tagSymbol). */
function isTagged(value: object): value is { tag: number | bigint; value: unknown } {
  return (value as Record<symbol, unknown>)[tagSymbol] === true;
}

/** A decoded CBOR value as JSON: tag-1 timestamps → epoch seconds, bytes → base64, bigint → number. */
function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    if (isTagged(value) && Number(value.tag) === 1) return toJson(value.value);
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJson(v);
    return out;
  }
  throw new TypeError(`unexpected CBOR value of type ${typeof value}`);
}

/** Decodes a request body; an empty body is an empty input. Throws on malformed CBOR. */
export function decodeCborInput(body: Buffer): JsonObject {
  if (body.length === 0) return {};
  const value = toJson(cbor.deserialize(new Uint8Array(body)));
  if (!isObject(value)) throw new TypeError('the CBOR body is not a map');
  return value;
}

/**
 * A JSON value of `shape` ready for the CBOR encoder: timestamps (epoch seconds, as the handlers
 * give them) become tag 1, blobs (base64) byte strings; everything else is carried over.
 */
function toCbor(
  model: ServiceModel,
  shapeName: string | undefined,
  value: Json | undefined,
): unknown {
  const shape = shapeName === undefined ? undefined : model.shapes[shapeName];
  if (value === null || value === undefined || !shape) return value;
  switch (shape.type) {
    case 'timestamp':
      return typeof value === 'number' ? tag({ tag: 1, value }) : value;
    case 'blob':
      return typeof value === 'string' ? new Uint8Array(Buffer.from(value, 'base64')) : value;
    case 'list':
      return Array.isArray(value) ? value.map((v) => toCbor(model, shape.member?.shape, v)) : value;
    case 'map': {
      if (!isObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = toCbor(model, shape.value?.shape, v);
      return out;
    }
    case 'structure': {
      if (!isObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value))
        out[k] = toCbor(model, shape.members?.[k]?.shape, v);
      return out;
    }
    default:
      return value;
  }
}

/** Encodes an operation's result (shape `outputShape`) as a CBOR body. */
export function encodeCborOutput(
  model: ServiceModel,
  outputShape: string | undefined,
  result: Json,
): Buffer {
  return Buffer.from(cbor.serialize(toCbor(model, outputShape, result)));
}

/** Encodes an error body: `{__type, message}`. */
export function encodeCborError(type: string, message: string): Buffer {
  return Buffer.from(cbor.serialize({ __type: type, message }));
}
