// Every bundled action, run as the runner runs it (every declared input set, '' where the workflow
// gave nothing): a required input that the workflow sets from a job output, arriving empty, fails
// before any AWS call with an error that names that job output.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDir, loadActionMetadata, runStep } from '@ecs-deploy/runner-harness';

const ACTIONS = [
  'push-ecr-digest',
  'ecs-rolling-deploy',
  'wait-healthy',
  'rollback-digest',
] as const;

let workspace = '';

function requiredInputs(action: string): string[] {
  return Object.entries(loadActionMetadata(actionDir(action)).inputs)
    .filter(([, field]) => field.required === true)
    .map(([name]) => name);
}

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'dropped-'));
  mkdirSync(join(workspace, '.github', 'workflows'), { recursive: true });
  const jobs = ACTIONS.flatMap((action) => [
    `  ${action}:`,
    '    needs: upstream',
    '    runs-on: ubuntu-24.04',
    '    steps:',
    `      - uses: your-org/ecs-deploy-actions/actions/${action}@v1`,
    '        with:',
    ...requiredInputs(action).map(
      (input) => `          ${input}: \${{ needs.upstream.outputs.${input} }}`,
    ),
  ]);
  writeFileSync(
    join(workspace, '.github', 'workflows', 'deploy.yml'),
    ['jobs:', ...jobs].join('\n'),
  );
});
afterAll(() => {
  rmSync(workspace, { recursive: true, force: true });
});

describe('a required input set from a job output that arrived empty', () => {
  it.each(ACTIONS)('%s names the job output', async (action) => {
    const required = requiredInputs(action);
    expect(required.length).toBeGreaterThan(0);
    const step = await runStep({
      actionDir: actionDir(action),
      inputs: Object.fromEntries(required.map((input) => [input, ''])),
      cwd: workspace,
      env: {
        GITHUB_WORKSPACE: workspace,
        GITHUB_REPOSITORY: 'org/app',
        GITHUB_WORKFLOW_REF: 'org/app/.github/workflows/deploy.yml@refs/heads/main',
        GITHUB_JOB: action,
        GITHUB_ACTION: '__your-org_ecs-deploy-actions',
        // Nothing is listening here: an AWS call would fail differently.
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'example',
      },
    });
    step.cleanup();
    expect(step.exitCode).toBe(1);
    const errors = step.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toHaveLength(1);
    const input = /Input '([a-z-]+)' is required but empty/.exec(errors[0] ?? '')?.[1];
    expect(required).toContain(input);
    expect(errors[0]).toContain(
      `Input '${input ?? ''}' is set from needs.upstream.outputs.${input ?? ''} (.github/workflows/deploy.yml, job '${action}')`,
    );
    expect(errors[0]).toContain("Skip output '…' since it may contain secret");
  });
});
