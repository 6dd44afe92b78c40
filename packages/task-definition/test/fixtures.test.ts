import { describe, expect, it } from '@jest/globals';
import {
  diffTaskDefinitions,
  isEquivalent,
  parseTaskDefinition,
  READ_ONLY_FIELDS,
  renderTaskDefinition,
  stripReadOnlyFields,
  validateTaskDefinition,
  type JsonObject,
  type JsonValue,
} from '../src/index.js';
import { FIXTURES, fixtureText } from './fixtures.js';

/** The expectation computed independently of the package: plain JSON.parse, unwrap, drop nulls and read-only keys. */
function expected(raw: string): JsonObject {
  const root = JSON.parse(raw.replace(/^\uFEFF/, '')) as JsonObject;
  const wrapped =
    'taskDefinition' in root && !('family' in root) && !('containerDefinitions' in root);
  const def = (wrapped ? root.taskDefinition : root) as JsonObject;
  const dropNulls = (v: JsonValue): JsonValue =>
    Array.isArray(v)
      ? v.map(dropNulls)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== null)
              .map(([k, x]) => [k, dropNulls(x)]),
          )
        : v;
  return Object.fromEntries(
    Object.entries(dropNulls(def) as JsonObject).filter(([key]) => !READ_ONLY_FIELDS.includes(key)),
  );
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('missing');
  return value;
}

describe('every fixture round-trips', () => {
  it.each(FIXTURES)(
    '%s: parse → strip → render without edits equals the input, key order included',
    (name) => {
      const raw = fixtureText(name);
      const parsed = parseTaskDefinition(raw);
      const rendered = renderTaskDefinition(stripReadOnlyFields(parsed.taskDefinition), {});
      expect(rendered).toEqual(expected(raw));
      expect(JSON.stringify(rendered)).toBe(JSON.stringify(expected(raw)));
      expect(isEquivalent(rendered, parsed.taskDefinition)).toBe(true);
      expect(diffTaskDefinitions(parsed.taskDefinition, rendered)).toEqual([]);
    },
  );

  it.each(FIXTURES)('%s: an image edit changes exactly that field', (name) => {
    const parsed = parseTaskDefinition(fixtureText(name));
    const input = stripReadOnlyFields(parsed.taskDefinition);
    const containers = input.containerDefinitions as JsonObject[];
    const last = containers.length - 1;
    const target = must(containers[last]);
    const containerName = target.name as string;
    const image = `123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:${'a'.repeat(64)}`;
    const rendered = renderTaskDefinition(input, { images: new Map([[containerName, image]]) });
    const want = structuredClone(input);
    must((want.containerDefinitions as JsonObject[])[last]).image = image;
    expect(JSON.stringify(rendered)).toBe(JSON.stringify(want));
    expect(diffTaskDefinitions(input, rendered)).toEqual([
      {
        path: `containerDefinitions[name=${containerName}].image`,
        kind: 'changed',
        before: target.image,
        after: image,
      },
    ]);
    // The input is never modified.
    expect(JSON.stringify(input)).not.toContain(image);
  });

  it('keeps unknown members at every level', () => {
    const raw = JSON.stringify({
      family: 'f',
      memory: '512',
      futureTaskField: { nested: [1, { deep: true }] },
      containerDefinitions: [
        {
          name: 'a',
          image: 'nginx',
          futureContainerField: 'x',
          portMappings: [{ containerPort: 80, futureMappingField: 1 }],
        },
      ],
    });
    const rendered = renderTaskDefinition(parseTaskDefinition(raw).taskDefinition, {
      images: { a: 'nginx:1.27' },
    });
    expect(rendered).toEqual({
      ...(JSON.parse(raw) as JsonObject),
      containerDefinitions: [
        {
          name: 'a',
          image: 'nginx:1.27',
          futureContainerField: 'x',
          portMappings: [{ containerPort: 80, futureMappingField: 1 }],
        },
      ],
    });
    expect(validateTaskDefinition(rendered).map((p) => [p.severity, p.code, p.path])).toEqual([
      ['warning', 'unknown-field', 'futureTaskField'],
      ['warning', 'unknown-field', 'containerDefinitions[0].futureContainerField'],
    ]);
  });
});

/** Error codes and paths each fixture is expected to produce (warnings left out). */
const EXPECTED_ERRORS: Readonly<Record<string, readonly string[]>> = {
  '01': [],
  '02': ['role-arn-invalid taskRoleArn', 'role-arn-invalid executionRoleArn'],
  '03': ['role-arn-invalid taskRoleArn', 'role-arn-invalid executionRoleArn'],
  '04': [
    'role-arn-invalid taskRoleArn',
    'role-arn-invalid executionRoleArn',
    'placeholder containerDefinitions[1].logConfiguration.secretOptions[0].valueFrom',
  ],
  '05': [
    'proxy-unknown-container proxyConfiguration.containerName',
    'image-placeholder containerDefinitions[0].image',
  ],
  '08': [],
  '10': [],
  '11': [],
  '12': [],
  '13': [],
  '14': [],
  '15': [],
  '16': [],
  '17': [],
  '18': [],
  '19': [
    'placeholder taskRoleArn',
    'placeholder executionRoleArn',
    'image-placeholder containerDefinitions[0].image',
    'image-placeholder containerDefinitions[1].image',
    'link-unknown-container containerDefinitions[1].links[0]',
  ],
  '20': [],
  '21': ['image-placeholder containerDefinitions[0].image'],
  '22': [
    'placeholder taskRoleArn',
    'placeholder executionRoleArn',
    'image-placeholder containerDefinitions[0].image',
    'placeholder containerDefinitions[0].logConfiguration.options["awslogs-region"]',
    'placeholder containerDefinitions[1].logConfiguration.options["awslogs-region"]',
  ],
  '23': [],
  '24': [
    'family-missing family',
    'execution-role-missing executionRoleArn',
    'container-memory-missing containerDefinitions[0].memory',
  ],
};

describe('validation of the fixtures', () => {
  it.each(Object.entries(EXPECTED_ERRORS))(
    'fixture %s has exactly the expected errors',
    (prefix, want) => {
      const def = stripReadOnlyFields(parseTaskDefinition(fixtureText(prefix)).taskDefinition);
      const errors = validateTaskDefinition(def).filter((p) => p.severity === 'error');
      expect(errors.map((p) => `${p.code} ${p.path}`)).toEqual(want);
    },
  );
});
