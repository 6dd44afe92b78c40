import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runStep } from '../src/index.js';

const actionDir = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'echo-inputs');

async function run(
  inputs: Record<string, string>,
): Promise<{ env: Record<string, string>; warnings: string[] }> {
  const step = await runStep({ actionDir, inputs, contexts: { github: { token: 'ghs_x' } } });
  step.cleanup();
  expect(step.exitCode).toBe(0);
  return {
    env: JSON.parse(step.outputs.get('inputs') ?? '{}') as Record<string, string>,
    warnings: step.annotations.map((a) => a.message),
  };
}

describe('inputs exactly as the runner sets them (ActionRunner, Handler.AddInputsToEnvironment)', () => {
  it('exports every declared input: its default evaluated, or empty where it has none', async () => {
    const { env, warnings } = await run({});
    expect(env).toEqual({
      'INPUT_WITH-DEFAULT': 'fallback',
      'INPUT_NUMERIC-DEFAULT': '7',
      INPUT_TOKEN: 'ghs_x',
      'INPUT_NO-DEFAULT': '',
      'INPUT_OLD-NAME': '',
    });
    // `required: true` is not enforced by the runner.
    expect(warnings).toEqual([]);
  });

  it('keeps given values untrimmed, and a given empty value stays empty', async () => {
    const { env } = await run({ 'with-default': '', 'no-default': '  spaced \n' });
    expect(env['INPUT_WITH-DEFAULT']).toBe('');
    expect(env['INPUT_NO-DEFAULT']).toBe('  spaced \n');
  });

  it('matches given names to declared ones without regard to case', async () => {
    const { env, warnings } = await run({ 'With-Default': 'given' });
    expect(env['INPUT_WITH-DEFAULT']).toBe('given');
    expect(warnings).toEqual([]);
  });

  it('warns about deprecated and unexpected inputs, and still exports them', async () => {
    const { env, warnings } = await run({ 'old-name': 'x', typo: 'y' });
    expect(env['INPUT_OLD-NAME']).toBe('x');
    expect(env.INPUT_TYPO).toBe('y');
    expect(warnings).toEqual([
      "Input 'old-name' has been deprecated with message: use with-default",
      "Unexpected input(s) 'typo', valid inputs are ['with-default', 'numeric-default', 'token', 'no-default', 'old-name']",
    ]);
  });
});
