/**
 * awsQuery for a service whose handlers work with typed JSON (CloudWatch, which also speaks
 * awsJson1_0 and rpc-v2-cbor): the form's strings become the model's types on the way in, and
 * epoch-second timestamps become ISO 8601 on the way out (docs/aws-behaviour.md#cloudwatch-alarms).
 */
import type { ServiceModel } from '../model/types.js';
import type { Json } from '../util/json.js';
import { isObject } from '../util/json.js';

type Convert = (type: string, value: Json) => Json;

/** Walks `value` as shape `shapeName`, converting scalars with `convert`. */
function walk(
  model: ServiceModel,
  shapeName: string | undefined,
  value: Json,
  convert: Convert,
): Json {
  const shape = shapeName === undefined ? undefined : model.shapes[shapeName];
  if (value === null || !shape) return value;
  switch (shape.type) {
    case 'list':
      return Array.isArray(value)
        ? value.map((v) => walk(model, shape.member?.shape, v, convert))
        : value;
    case 'map':
    case 'structure': {
      if (!isObject(value)) return value;
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        const target = shape.type === 'map' ? shape.value?.shape : shape.members?.[k]?.shape;
        out[k] = walk(model, target, v, convert);
      }
      return out;
    }
    default:
      return convert(shape.type, value);
  }
}

/** A decoded query form (strings) as the typed JSON the awsJson protocols would have carried. */
export function typedQueryInput(
  model: ServiceModel,
  shapeName: string | undefined,
  value: Json,
): Json {
  return walk(model, shapeName, value, (type, v) => {
    if (typeof v !== 'string') return v;
    switch (type) {
      case 'integer':
      case 'long':
      case 'float':
      case 'double':
        return Number(v);
      case 'boolean':
        return v === 'true';
      case 'timestamp':
        return Date.parse(v) / 1000;
      default:
        return v;
    }
  });
}

/** A handler's result with its epoch-second timestamps as ISO 8601, for the query XML. */
export function queryOutput(model: ServiceModel, shapeName: string | undefined, value: Json): Json {
  return walk(model, shapeName, value, (type, v) =>
    type === 'timestamp' && typeof v === 'number' ? new Date(v * 1000).toISOString() : v,
  );
}
