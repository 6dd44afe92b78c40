import { describe, expect, it } from '@jest/globals';
import { parseWorkflowFile } from '../src/load.js';
import { child, evaluateString, items, rawJob } from '../src/tokens.js';

// `run:` as the runner sees it after the parser's format() rewrite, from the decoded YAML value.
const workflow = [
  'on: push',
  'jobs:',
  '  a:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: echo "${{ github.sha }}" \'${{ github.sha }}\'',
  "      - run: 'echo ''${{ github.sha }}'' \"}}\"'",
  '      - run: |',
  '          cat <<EOF',
  "            in ${{ github.sha }} '${{ '}}' }}'",
  '          EOF',
  '      - run: >-',
  '          folded ${{ github.sha }}',
  '          line',
  '',
  '          para',
  '      - run: ${{ github.sha }}',
  '      - run: plain text',
].join('\n');

describe('run: interpolation', () => {
  it.each([
    [0, `echo "S" 'S'`],
    [1, `echo 'S' "}}"`],
    [2, "cat <<EOF\n  in S '}}'\nEOF\n"],
    [3, 'folded S line\npara'],
    [4, 'S'],
    [5, 'plain text'],
  ])('step %i', async (index, expected) => {
    const { workflow: loaded, problems } = await parseWorkflowFile('w.yml', workflow);
    expect(problems).toEqual([]);
    if (loaded === undefined) throw new Error('the workflow did not parse');
    const steps = items(child(rawJob(loaded.root, 'a'), 'steps'));
    const run = child(steps[index], 'run');
    expect(evaluateString(run, { contexts: { github: { sha: 'S' } } })).toBe(expected);
  });
});
