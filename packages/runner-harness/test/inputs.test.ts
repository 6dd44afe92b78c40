import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { actionNode, runStep, summaryErrors } from '../src/index.js';

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

describe('the rest of a step, as the runner handles it', () => {
  it('cancels with SIGINT, then SIGTERM 7.5 s later (ProcessInvoker)', async () => {
    const step = await runStep({
      actionDir: join(actionDir, '..', 'stubborn'),
      cancel: { signal: 'SIGINT', when: (out) => out.includes('ready') },
      timeoutMs: 20_000,
    });
    step.cleanup();
    expect(step.stdout).toBe('ready\ngot SIGINT, carrying on\ngot SIGTERM, stopping\n');
    expect(step.exitCode).toBe(3);
  }, 30_000);

  it('starts node in the workspace and says so in GITHUB_WORKSPACE', async () => {
    const dir = realpathSync(tmpdir());
    const step = await runStep({ actionDir, cwd: dir });
    step.cleanup();
    expect([step.outputs.get('cwd'), step.outputs.get('workspace')]).toEqual([dir, dir]);
  });

  it('refuses a summary over 1 MiB with the runner error', () => {
    expect(summaryErrors('x'.repeat(1024 * 1024))).toEqual([]);
    expect(summaryErrors('x'.repeat(1024 * 1024 + 2048))).toEqual([
      expect.stringMatching(
        /^\$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of 1024k, got 1026k\./,
      ),
    ]);
  });
});

describe('the node runtime', () => {
  it("runs bundles on Node 24, the runner's node24 runtime (NodeScriptActionHandler)", () => {
    expect(execFileSync(actionNode(), ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./);
  });
});
