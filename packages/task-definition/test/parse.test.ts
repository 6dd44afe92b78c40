import { describe, expect, it } from '@jest/globals';
import { parseTaskDefinition, ParseError, stripReadOnlyFields } from '../src/index.js';
import { fixtureText } from './fixtures.js';

const MINIMAL = { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx' }] };

function parseFailure(text: string, options = {}): ParseError {
  try {
    parseTaskDefinition(text, options);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('parseTaskDefinition: accepted input', () => {
  it('reads bare JSON and keeps key order', () => {
    const parsed = parseTaskDefinition(
      '{"containerDefinitions":[],"family":"x","zeta":1,"alpha":2}',
    );
    expect(Object.keys(parsed.taskDefinition)).toEqual([
      'containerDefinitions',
      'family',
      'zeta',
      'alpha',
    ]);
    expect(parsed).toMatchObject({ wrapped: false, tags: undefined, format: 'json' });
  });

  it('reads YAML', () => {
    const yaml = [
      '# a comment',
      'family: web',
      'cpu: "256"',
      'containerDefinitions:',
      '  - name: web',
      '    image: nginx:1.27',
      '    essential: yes', // YAML 1.2: a string, not a boolean; validation will say so
      '    environment:',
      '      - { name: A, value: "1" }',
    ].join('\n');
    const parsed = parseTaskDefinition(yaml);
    expect(parsed.format).toBe('yaml');
    expect(parsed.taskDefinition).toEqual({
      family: 'web',
      cpu: '256',
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx:1.27',
          essential: 'yes',
          environment: [{ name: 'A', value: '1' }],
        },
      ],
    });
  });

  it.each([
    ['012', '012'],
    ['1.10', '1.10'],
    ['0x1F', '0x1F'],
    ['true', 'true'],
    ['"quoted"', 'quoted'],
  ])('keeps the YAML map key %s as written (%s)', (written, key) => {
    const text = `family: web\ncontainerDefinitions:\n  - name: app\n    dockerLabels:\n      ${written}: x\n`;
    const container = (
      parseTaskDefinition(text).taskDefinition.containerDefinitions as { dockerLabels: object }[]
    )[0];
    expect(Object.keys(container?.dockerLabels ?? {})).toEqual([key]);
  });

  it('tolerates a BOM, CRLF, tabs and leading whitespace', () => {
    const text = '\uFEFF\r\n\t  {\r\n\t"family": "web",\r\n\t"containerDefinitions": []\r\n}\r\n';
    expect(parseTaskDefinition(text).taskDefinition).toEqual({
      family: 'web',
      containerDefinitions: [],
    });
    expect(
      parseTaskDefinition('\uFEFFfamily: web\r\ncontainerDefinitions: []\r\n').taskDefinition,
    ).toEqual({
      family: 'web',
      containerDefinitions: [],
    });
  });

  it('unwraps describe-task-definition output and keeps its tags apart', () => {
    const parsed = parseTaskDefinition(
      JSON.stringify({
        taskDefinition: { ...MINIMAL, revision: 3 },
        tags: [{ key: 'sha', value: 'abc' }],
      }),
    );
    expect(parsed.wrapped).toBe(true);
    expect(parsed.tags).toEqual([{ key: 'sha', value: 'abc' }]);
    expect(parsed.taskDefinition).toEqual({ ...MINIMAL, revision: 3 });
    expect(stripReadOnlyFields(parsed.taskDefinition)).toEqual(MINIMAL);
  });

  it('reads the wrapped fixtures, with and without wrapper tags', () => {
    expect(parseTaskDefinition(fixtureText('13')).tags).toEqual([]);
    const fixture05 = parseTaskDefinition(fixtureText('05'));
    expect(fixture05.wrapped).toBe(true);
    // Fixture 05 has its tags inside the definition (RegisterTaskDefinition input), not in the wrapper.
    expect(fixture05.tags).toBeUndefined();
    expect(fixture05.taskDefinition.tags).toEqual([]);
  });

  it('does not mistake a definition with a "taskDefinition" member for a wrapper', () => {
    const parsed = parseTaskDefinition(JSON.stringify({ ...MINIMAL, taskDefinition: {} }));
    expect(parsed.wrapped).toBe(false);
    expect(parsed.taskDefinition.family).toBe('web');
  });

  it('strips explicit nulls at every depth but leaves nulls inside lists for validation', () => {
    const parsed = parseTaskDefinition(
      JSON.stringify({
        family: 'x',
        taskRoleArn: null,
        containerDefinitions: [
          { name: 'a', memory: null, links: [null], logConfiguration: { secretOptions: null } },
        ],
      }),
    );
    expect(parsed.taskDefinition).toEqual({
      family: 'x',
      containerDefinitions: [{ name: 'a', links: [null], logConfiguration: {} }],
    });
  });

  it('keeps "__proto__" as a plain member instead of changing the prototype', () => {
    const parsed = parseTaskDefinition('{"family":"x","__proto__":{"polluted":true}}');
    expect(Object.getPrototypeOf(parsed.taskDefinition)).toBe(Object.prototype);
    expect(Object.keys(parsed.taskDefinition)).toEqual(['family', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads the CRLF fixture 24 and the leading-whitespace fixture 09', () => {
    expect(parseTaskDefinition(fixtureText('24')).taskDefinition.taskDefinitionArn).toContain(
      'facilitator-production',
    );
    expect(parseTaskDefinition(fixtureText('09')).taskDefinition.family).toBe('service-a');
  });
});

describe('parseTaskDefinition: refused input', () => {
  const CASES: [string, string, string, number | undefined, number | undefined][] = [
    ['empty', '', 'input is empty', undefined, undefined],
    ['whitespace only', ' \r\n\t ', 'input is empty', undefined, undefined],
    ['a YAML comment only', '# nothing\n', 'input is empty', undefined, undefined],
    ['trailing comma', '{\n  "family": "x",\n}', "a trailing comma before '}'", 3, 1],
    [
      'missing comma',
      '{\n  "family": "x"\n  "cpu": "256"\n}',
      "expected ',' or '}' but found '\"'",
      3,
      3,
    ],
    ['single quotes', "{\n  'family': 'x'\n}", 'expected a double-quoted property name', 2, 3],
    [
      'unclosed object',
      '{"family": "x"',
      "expected ',' or '}' but found the end of the input",
      1,
      15,
    ],
    ['bare word value', '{"family": tru}', 'expected a value', 1, 12],
    ['text after the document', '{} {}', 'after the end of the document', 1, 4],
    ['an array', '[{"family": "x"}]', 'top level is an array', undefined, undefined],
    ['a JSON scalar', '"family"', 'top level is a string', undefined, undefined],
    ['a YAML scalar', 'just some words', 'top level is a string', undefined, undefined],
    ['a number', '42', 'top level is a number', undefined, undefined],
    [
      'bad YAML indentation',
      'family: x\ncontainerDefinitions:\n  - name: a\n   image: b\n',
      'not valid JSON or YAML',
      4,
      1,
    ],
    ['duplicate YAML keys', 'family: a\nfamily: b\n', 'Map keys must be unique', 2, 1],
    ['two YAML documents', 'family: a\n---\nfamily: b\n', 'multiple documents', 2, 1],
    ['a YAML infinity', 'family: x\ncpu: .inf\n', 'not a JSON number', undefined, undefined],
    [
      'bad wrapper tags',
      '{"taskDefinition": {"family": "x"}, "tags": {"a": "b"}}',
      'wrapper "tags"',
      undefined,
      undefined,
    ],
    [
      'deep nesting',
      `{"a": ${'['.repeat(100)}${']'.repeat(100)}}`,
      'nesting deeper than 64 levels',
      undefined,
      undefined,
    ],
  ];
  it.each(CASES)('%s', (_title, text, reason, line, column) => {
    const error = parseFailure(text);
    expect(error.subject).toBe('task definition');
    expect(error.reason).toContain(reason);
    if (line !== undefined)
      expect({ line: error.line, column: error.column }).toEqual({ line, column });
  });

  it('never quotes the input in a JSON syntax error (it may hold a secret)', () => {
    const error = parseFailure('{"password": "hunter2" "x"}');
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses a 10 MB input quickly with a clear message', () => {
    const huge = `{"family": "${'x'.repeat(10 * 1024 * 1024)}"}`;
    const started = performance.now();
    const error = parseFailure(huge);
    expect(performance.now() - started).toBeLessThan(50);
    expect(error.reason).toContain('larger than 1048576 bytes');
  });

  it('counts bytes, not characters, and honours a configured limit', () => {
    const text = JSON.stringify({ family: 'é'.repeat(60) }); // 60 characters, 120 bytes in UTF-8
    expect(parseFailure(text, { maxBytes: 100 }).reason).toContain('larger than 100 bytes');
    expect(parseTaskDefinition(text, { maxBytes: 200 }).taskDefinition.family).toHaveLength(60);
  });
});
