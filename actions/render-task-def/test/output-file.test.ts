import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskDefinitionDocument } from '@ecs-deploy/task-definition';
import { renderedFile, writeRenderedFile } from '../src/output-file.js';

const definition = {
  family: 'api',
  containerDefinitions: [{ name: 'web', image: 'registry/web@sha256:abc', essential: true }],
} as unknown as TaskDefinitionDocument;

describe('renderedFile', () => {
  it('pretty-prints the definition with a final newline', () => {
    const { text } = renderedFile({ definition, family: 'api' }, '/tmp/runner');
    expect(text).toBe(`${JSON.stringify(definition, null, 2)}\n`);
    expect(JSON.parse(text)).toEqual(definition);
  });

  it('puts the tags inside the document, as RegisterTaskDefinition takes them', () => {
    const tags = [{ key: 'commit', value: 'abc123' }];
    const { text } = renderedFile({ definition, family: 'api', tags }, '/tmp/runner');
    expect(JSON.parse(text)).toEqual({ ...definition, tags });
  });

  it.each([
    ['api', /^\/tmp\/runner\/task-definition-api-[0-9a-f]{12}\.json$/],
    ['', /^\/tmp\/runner\/task-definition-rendered-[0-9a-f]{12}\.json$/],
  ])('names the file after the family %j and the content hash', (family, name) => {
    expect(renderedFile({ definition, family }, '/tmp/runner').path).toMatch(name);
  });

  it('gives the same definition the same file, and a different one another', () => {
    const first = renderedFile({ definition, family: 'api' }, '/d').path;
    expect(renderedFile({ definition, family: 'api' }, '/d').path).toBe(first);
    const tagged = renderedFile({ definition, family: 'api', tags: [] }, '/d').path;
    expect(tagged).not.toBe(first);
  });
});

describe('writeRenderedFile', () => {
  it('writes the text to the path it returns', () => {
    const writes: [string, string][] = [];
    const path = writeRenderedFile({ definition, family: 'api' }, '/d', (p, t) => {
      writes.push([p, t]);
    });
    expect(writes).toEqual([[path, renderedFile({ definition, family: 'api' }, '/d').text]]);
  });

  it('writes a file the runner can read back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-out-'));
    try {
      const path = writeRenderedFile({ definition, family: 'api' }, dir, (p, t) => {
        writeFileSync(p, t);
      });
      expect(readdirSync(dir)).toHaveLength(1);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(definition);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
