import { isArray, isObject, type JsonObject, type JsonValue } from './json.js';
import { childPath } from './path.js';
import { error, warning, type Problem } from './problems.js';
import { isReadOnlyField } from './read-only.js';
import type { FieldSpec, FieldType, Shape } from './schema.js';

const EXPECTED: Readonly<Record<FieldType, string>> = {
  string: 'a string',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  'string[]': 'a list of strings',
  'object[]': 'a list of objects',
  'string-map': 'an object whose values are strings',
};

/** Reports members of the wrong JSON type, missing required members and unknown members. */
export function checkShape(value: JsonObject, shape: Shape, path: string): Problem[] {
  const problems: Problem[] = [];
  for (const name of shape.required ?? []) {
    if (!(name in value))
      problems.push(error(childPath(path, name), 'missing-field', `${name} is missing`));
  }
  for (const [key, member] of Object.entries(value)) {
    const spec = shape.fields[key];
    const memberPath = childPath(path, key);
    if (spec !== undefined) {
      problems.push(...checkField(member, spec, memberPath));
    } else if (shape.closed === true && !isReadOnlyField(key)) {
      problems.push(
        warning(
          memberPath,
          'unknown-field',
          `"${key}" is not a RegisterTaskDefinition member; the AWS SDK leaves it out, so it will not be registered`,
          'Check the spelling and the letter case of the member name.',
        ),
      );
    }
  }
  return problems;
}

function checkField(value: JsonValue, spec: FieldSpec, path: string): Problem[] {
  if (!hasType(value, spec.type)) {
    return [
      error(path, 'wrong-type', `must be ${EXPECTED[spec.type]}, not ${describe(value)}`, spec.fix),
    ];
  }
  const element = ELEMENT[spec.type];
  if (element !== undefined) {
    const entries: [string | number, JsonValue][] = isArray(value)
      ? value.map((item, i) => [i, item])
      : isObject(value)
        ? Object.entries(value)
        : [];
    const wrong = entries.filter(([, item]) => !hasType(item, element));
    if (wrong.length > 0) {
      return wrong.map(([key, item]) =>
        error(
          childPath(path, key),
          'wrong-type',
          `must be ${EXPECTED[element]}, not ${describe(item)}`,
          spec.fix,
        ),
      );
    }
  }
  const shape = spec.shape;
  if (shape === undefined) return [];
  if (isObject(value)) return checkShape(value, shape, path);
  if (isArray(value)) {
    return value.flatMap((item, i) =>
      isObject(item) ? checkShape(item, shape, childPath(path, i)) : [],
    );
  }
  return [];
}

/** For collection types, the type each element must have. */
const ELEMENT: Partial<Record<FieldType, FieldType>> = {
  'string[]': 'string',
  'object[]': 'object',
  'string-map': 'string',
};

function hasType(value: JsonValue, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
    case 'string-map':
      return isObject(value);
    case 'string[]':
    case 'object[]':
      return isArray(value);
  }
}

/** Names a value's type for messages; never quotes the value, which may be secret. */
export function describe(value: JsonValue): string {
  if (value === null) return 'null';
  if (isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'a number' : 'a fractional number';
  return `a ${typeof value}`;
}
