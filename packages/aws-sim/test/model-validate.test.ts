import { describe, expect, it } from '@jest/globals';
import { loadModel } from '../src/model/models.js';
import {
  JSON_ENCODING,
  QUERY_INPUT_ENCODING,
  QUERY_OUTPUT_ENCODING,
} from '../src/model/scalars.js';
import type { ServiceModel } from '../src/model/types.js';
import { compilePattern, validateShape, type ValidateOptions } from '../src/model/validate.js';
import type { Violation } from '../src/model/violation.js';

/** A small model with one shape of every kind the validator handles. */
const model: ServiceModel = {
  header: { botocoreVersion: 'test', source: 'inline', generatedBy: 'test' },
  metadata: { protocol: 'json', apiVersion: '2020-01-01' },
  allOperations: [],
  operations: {},
  shapes: {
    Root: {
      type: 'structure',
      required: ['name'],
      members: {
        name: { shape: 'Name' },
        count: { shape: 'Count' },
        big: { shape: 'Long' },
        ratio: { shape: 'Double' },
        on: { shape: 'Boolean' },
        at: { shape: 'Timestamp' },
        data: { shape: 'Blob' },
        mode: { shape: 'Mode' },
        items: { shape: 'Items' },
        labels: { shape: 'Labels' },
        nested: { shape: 'Nested' },
        choice: { shape: 'Choice' },
        any: { shape: 'Doc' },
      },
    },
    Name: { type: 'string', min: 2, max: 5, pattern: '^[a-z]+$' },
    Count: { type: 'integer', min: 1, max: 10 },
    Long: { type: 'long' },
    Double: { type: 'double' },
    Boolean: { type: 'boolean' },
    Timestamp: { type: 'timestamp' },
    Blob: { type: 'blob', max: 3 },
    Mode: { type: 'string', enum: ['A', 'B'] },
    Items: { type: 'list', member: { shape: 'Nested' }, min: 1, max: 2 },
    Labels: { type: 'map', key: { shape: 'Mode' }, value: { shape: 'Count' } },
    Nested: { type: 'structure', required: ['strategy'], members: { strategy: { shape: 'Mode' } } },
    Choice: {
      type: 'structure',
      union: true,
      members: { a: { shape: 'Mode' }, b: { shape: 'Count' } },
    },
    Doc: { type: 'structure', document: true },
  },
};

const json: ValidateOptions = { encoding: JSON_ENCODING, nullMembers: 'reject' };
const request: ValidateOptions = { encoding: JSON_ENCODING, nullMembers: 'absent' };

function check(value: unknown, options = json): Pick<Violation, 'path' | 'rule'>[] {
  return validateShape(model, 'Root', value, options).map(({ path, rule }) => ({ path, rule }));
}

describe('validateShape: one rule at a time', () => {
  const cases: [string, unknown, Pick<Violation, 'path' | 'rule'>[]][] = [
    ['a conforming value', { name: 'abc', count: 3, mode: 'A', items: [{ strategy: 'B' }] }, []],
    ['a missing required member', { count: 1 }, [{ path: 'name', rule: 'required' }]],
    ['an unknown member', { name: 'ab', nmae: 'x' }, [{ path: 'nmae', rule: 'unknown-member' }]],
    ['a string where a structure belongs', 'x', [{ path: '', rule: 'type' }]],
    ['a string too short', { name: 'a' }, [{ path: 'name', rule: 'length' }]],
    ['a string too long', { name: 'abcdef' }, [{ path: 'name', rule: 'length' }]],
    ['a string off its pattern', { name: 'AB' }, [{ path: 'name', rule: 'pattern' }]],
    ['a number where a string belongs', { name: 12 }, [{ path: 'name', rule: 'type' }]],
    ['an integer below its range', { name: 'ab', count: 0 }, [{ path: 'count', rule: 'range' }]],
    ['an integer above its range', { name: 'ab', count: 11 }, [{ path: 'count', rule: 'range' }]],
    [
      'a fraction where an integer belongs',
      { name: 'ab', count: 1.5 },
      [{ path: 'count', rule: 'type' }],
    ],
    [
      'a numeric string where an integer belongs',
      { name: 'ab', count: '3' },
      [{ path: 'count', rule: 'type' }],
    ],
    ['an integer beyond 32 bits', { name: 'ab', big: 2 ** 40 }, []],
    ['a long beyond 2^53', { name: 'ab', big: 2 ** 60 }, [{ path: 'big', rule: 'type' }]],
    ['a double', { name: 'ab', ratio: 0.25 }, []],
    [
      'a string where a boolean belongs',
      { name: 'ab', on: 'true' },
      [{ path: 'on', rule: 'type' }],
    ],
    ['an epoch-seconds timestamp', { name: 'ab', at: 1700000000.123 }, []],
    [
      'an ISO timestamp in awsJson',
      { name: 'ab', at: '2026-01-01T00:00:00Z' },
      [{ path: 'at', rule: 'type' }],
    ],
    ['a base64 blob', { name: 'ab', data: 'YWI=' }, []],
    ['a blob that is not base64', { name: 'ab', data: 'a b' }, [{ path: 'data', rule: 'type' }]],
    ['a blob too long', { name: 'ab', data: 'YWJjZA==' }, [{ path: 'data', rule: 'length' }]],
    ['a value outside the enum', { name: 'ab', mode: 'C' }, [{ path: 'mode', rule: 'enum' }]],
    ['an empty list below its min', { name: 'ab', items: [] }, [{ path: 'items', rule: 'length' }]],
    [
      'a list above its max',
      { name: 'ab', items: [{ strategy: 'A' }, { strategy: 'A' }, { strategy: 'A' }] },
      [{ path: 'items', rule: 'length' }],
    ],
    [
      'an object where a list belongs',
      { name: 'ab', items: {} },
      [{ path: 'items', rule: 'type' }],
    ],
    [
      'a bad member deep in a list',
      { name: 'ab', items: [{ strategy: 'A' }, { strategy: 'Z' }] },
      [{ path: 'items[1].strategy', rule: 'enum' }],
    ],
    [
      'a missing member deep in a list',
      { name: 'ab', items: [{}] },
      [{ path: 'items[0].strategy', rule: 'required' }],
    ],
    [
      'a map key outside its enum',
      { name: 'ab', labels: { C: 1 } },
      [{ path: 'labels.C', rule: 'enum' }],
    ],
    [
      'a map value out of range',
      { name: 'ab', labels: { A: 99 } },
      [{ path: 'labels.A', rule: 'range' }],
    ],
    [
      'a map key that needs quoting',
      { name: 'ab', labels: { 'a b': 1 } },
      [{ path: 'labels["a b"]', rule: 'enum' }],
    ],
    ['a union with one member', { name: 'ab', choice: { a: 'A' } }, []],
    [
      'a union with two members',
      { name: 'ab', choice: { a: 'A', b: 1 } },
      [{ path: 'choice', rule: 'union' }],
    ],
    ['a document holds anything', { name: 'ab', any: { x: [1, null] } }, []],
    ['a null member in a response', { name: 'ab', mode: null }, [{ path: 'mode', rule: 'null' }]],
  ];

  it.each(cases)('%s', (_name, value, expected) => {
    expect(check(value)).toEqual(expected);
  });

  it('treats a null member of a request as absent (still required when required)', () => {
    expect(check({ name: 'ab', mode: null }, request)).toEqual([]);
    expect(check({ name: null }, request)).toEqual([{ path: 'name', rule: 'required' }]);
  });

  it('reports every violation, not just the first', () => {
    expect(check({ count: 0, mode: 'Z', extra: 1 })).toEqual([
      { path: 'count', rule: 'range' },
      { path: 'mode', rule: 'enum' },
      { path: 'extra', rule: 'unknown-member' },
      { path: 'name', rule: 'required' },
    ]);
  });

  it('words constraints the way AWS validation messages do', () => {
    expect(validateShape(model, 'Root', { name: 'a', mode: 'C' }, json)).toEqual([
      {
        path: 'name',
        rule: 'length',
        constraint: 'must have length greater than or equal to 2',
        value: 'a',
      },
      {
        path: 'mode',
        rule: 'enum',
        constraint: 'must satisfy enum value set: [A, B]',
        value: 'C',
      },
    ]);
  });
});

describe('validateShape: awsQuery encodings', () => {
  const queryIn: ValidateOptions = { encoding: QUERY_INPUT_ENCODING, nullMembers: 'absent' };
  const queryOut: ValidateOptions = { encoding: QUERY_OUTPUT_ENCODING, nullMembers: 'reject' };
  const cases: [string, unknown, ValidateOptions, Pick<Violation, 'path' | 'rule'>[]][] = [
    ['form strings for numbers and booleans', { name: 'ab', count: '3', on: 'false' }, queryIn, []],
    [
      'a form number out of range',
      { name: 'ab', count: '30' },
      queryIn,
      [{ path: 'count', rule: 'range' }],
    ],
    [
      'a form string that is no number',
      { name: 'ab', count: 'x' },
      queryIn,
      [{ path: 'count', rule: 'type' }],
    ],
    [
      'a form boolean that is no boolean',
      { name: 'ab', on: 'yes' },
      queryIn,
      [{ path: 'on', rule: 'type' }],
    ],
    [
      'an ISO timestamp in a query request',
      { name: 'ab', at: '2026-01-01T00:00:00Z' },
      queryIn,
      [],
    ],
    ['typed numbers in a query result', { name: 'ab', count: 3 }, queryOut, []],
    [
      'epoch seconds in a query result',
      { name: 'ab', at: 1700000000 },
      queryOut,
      [{ path: 'at', rule: 'type' }],
    ],
  ];
  it.each(cases)('%s', (_name, value, options, expected) => {
    expect(check(value, options)).toEqual(expected);
  });
});

describe('validateShape against the extracted ECS model', () => {
  const ecs = loadModel('ecs');

  it('names the path of a bad deployment strategy in a DescribeServices answer', () => {
    const out = {
      services: [{ serviceName: 'web', deploymentConfiguration: { strategy: 'CANARY_ISH' } }],
      failures: [],
    };
    expect(
      validateShape(ecs, 'DescribeServicesResponse', out, json).map((v) => [v.path, v.rule]),
    ).toEqual([['services[0].deploymentConfiguration.strategy', 'enum']]);
  });

  it('checks tag keys with the model’s unicode pattern and length', () => {
    const tags = (key: string): unknown => ({ resourceArn: 'arn', tags: [{ key, value: 'v' }] });
    expect(validateShape(ecs, 'TagResourceRequest', tags('owner:é'), request)).toEqual([]);
    expect(
      validateShape(ecs, 'TagResourceRequest', tags('x'.repeat(129)), request).map((v) => v.rule),
    ).toEqual(['length']);
  });

  it('compiles every pattern of the extracted models as a JS unicode regex', () => {
    const files = ['ecs', 'ecr', 'sts', 'elbv2', 'logs', 'cloudwatch'] as const;
    const broken = files.flatMap((f) =>
      Object.entries(loadModel(f).shapes)
        .filter(([, s]) => s.pattern !== undefined && compilePattern(s.pattern) === null)
        .map(([name]) => `${f}:${name}`),
    );
    expect(broken).toEqual([]);
  });
});
