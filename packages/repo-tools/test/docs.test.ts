import { describe, expect, it } from '@jest/globals';
import type { ActionMetadata } from '@ecs-deploy/runner-harness';
import { BEGIN, END, catalog, metadataProblems, spliceReadme } from '../src/index.js';

const good: ActionMetadata = {
  name: 'demo',
  description: 'Does a thing.',
  inputs: {
    cluster: { description: 'The cluster.', required: true },
    timeout: { description: 'How long.', default: '15m' },
  },
  outputs: { result: { description: 'What happened.' } },
  runs: { using: 'node24', main: '../../dist/demo/index.js' },
};

describe('metadataProblems', () => {
  it('accepts a complete action.yml', () => {
    expect(metadataProblems('demo', good)).toEqual([]);
  });
  it.each<[string, Partial<ActionMetadata>, string]>([
    [
      'input without description',
      { inputs: { cluster: {} } },
      'input "cluster" has no description',
    ],
    [
      'blank output description',
      { outputs: { result: { description: '  ' } } },
      'output "result" has no description',
    ],
    ['bad id', { inputs: { '1st': { description: 'x' } } }, 'input "1st" is not a valid id'],
    [
      'wrong runtime',
      { runs: { using: 'node20', main: '../../dist/demo/index.js' } },
      'runs.using is "node20", expected node24',
    ],
    [
      'wrong main',
      { runs: { using: 'node24', main: 'dist/index.js' } },
      'runs.main is "dist/index.js"',
    ],
    ['name mismatch', { name: 'other' }, 'name is "other", expected "demo"'],
  ])('finds %s', (_name, change, problem) => {
    expect(metadataProblems('demo', { ...good, ...change }).join('\n')).toContain(problem);
  });
});

describe('generated blocks', () => {
  it('replaces only the generated block of a README', () => {
    const readme = `# demo\n\nHand-written intro.\n\n${BEGIN}\nold\n${END}\n\n## More prose\n`;
    const updated = spliceReadme(readme, 'demo', good);
    expect(updated.startsWith('# demo\n\nHand-written intro.\n\n')).toBe(true);
    expect(updated.endsWith(`${END}\n\n## More prose\n`)).toBe(true);
    expect(updated).toContain('| `timeout` | no | `15m` | How long. |');
    expect(updated).toContain('| `result` | What happened. |');
    expect(updated).not.toContain('\nold\n');
    expect(spliceReadme(updated, 'demo', good)).toBe(updated);
  });
  it('refuses a README that lost its markers', () => {
    expect(() => spliceReadme('# demo\n', 'demo', good)).toThrow('has no generated block');
  });
  it('lists every action in the catalog', () => {
    const text = catalog([{ dirName: 'demo', metadata: good }]);
    expect(text).toContain('[demo](actions/demo/README.md)');
    expect(text).toContain('## demo');
  });
});
