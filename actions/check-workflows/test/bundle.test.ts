// The bundle, run the way the runner runs it: INPUT_* variables, workspace, annotations, exit code.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionDir, runStep, type StepResult } from '@ecs-deploy/runner-harness';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SEED_BUG = join(ROOT, 'packages/workflow-runner/test/fixtures/examples/deploy-image-uri.yml');

let workspace = '';
const results: StepResult[] = [];
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'check-workflows-'));
  mkdirSync(join(workspace, '.github/workflows'), { recursive: true });
  for (const name of ['deploy.yml', 'pr-checks.yml', 'rollback.yml'])
    copyFileSync(
      join(ROOT, 'workflows-examples', name),
      join(workspace, '.github/workflows', name),
    );
});
afterEach(() => {
  for (const result of results.splice(0)) result.cleanup();
  rmSync(workspace, { recursive: true, force: true });
});

async function step(inputs: Record<string, string> = {}): Promise<StepResult> {
  const result = await runStep({
    actionDir: actionDir('check-workflows'),
    inputs,
    env: { GITHUB_WORKSPACE: workspace },
    cwd: workspace,
  });
  results.push(result);
  return result;
}

describe('check-workflows bundle', () => {
  it('passes the example workflows with the default files', async () => {
    const result = await step();
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.annotations).toEqual([]);
    expect(Object.fromEntries(result.outputs)).toEqual({
      errors: '0',
      warnings: '0',
      files:
        '.github/workflows/deploy.yml\n.github/workflows/pr-checks.yml\n.github/workflows/rollback.yml',
    });
    expect(result.summary).toContain('No problems in 3 workflow file(s).');
  });

  it('fails on the seed bug with an annotation on the output line', async () => {
    copyFileSync(SEED_BUG, join(workspace, '.github/workflows/bug.yaml'));
    const result = await step();
    expect(result.exitCode).toBe(1);
    const placed = result.commands.find((c) => c.properties.file !== undefined);
    expect(placed).toMatchObject({
      command: 'error',
      properties: { file: '.github/workflows/bug.yaml', line: '18', title: 'masked-job-output' },
    });
    expect(placed?.message).toMatch(
      /^jobs\.build\.outputs\.image can carry a masked value \(secrets\.AWS_ACCOUNT_ID via steps\.uri\.outputs\.image\)/,
    );
    expect(result.outputs.get('errors')).toBe('1');
    expect(result.annotations.at(-1)?.message).toMatch(
      /^check-workflows: 1 problem\(s\) in 1 workflow file/,
    );
  });

  it('reports policy problems only when asked, and a bad input clearly', async () => {
    const unpinned = join(workspace, '.github/workflows/unpinned.yml');
    copyFileSync(
      join(ROOT, 'packages/workflow-runner/test/fixtures/policy-violations.yml'),
      unpinned,
    );
    const quiet = await step({ files: '.github/workflows/unpinned.yml' });
    expect(quiet.exitCode).toBe(0);
    const strict = await step({ files: '.github/workflows/unpinned.yml', policy: 'true' });
    expect(strict.exitCode).toBe(1);
    expect(strict.annotations.map((a) => a.title)).toContain('unpinned-action');
    const bad = await step({ 'fail-on': 'sometimes' });
    expect(bad.exitCode).toBe(1);
    expect(bad.annotations[0]?.message).toContain(
      'Input \'fail-on\' is "sometimes". Expected one of: error, warning.',
    );
  });
});
