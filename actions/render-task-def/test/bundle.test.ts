// The bundle as the runner runs it, with a file base (no AWS needed).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDir, runStep, type StepResult } from '@ecs-deploy/runner-harness';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const PINNED = `${REGISTRY}/team/api@${DIGEST}`;
let workspace = '';
const results: StepResult[] = [];

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'render-'));
  writeFileSync(
    join(workspace, 'td.yaml'),
    [
      'family: api',
      'networkMode: awsvpc',
      'requiresCompatibilities: [FARGATE]',
      "cpu: '256'",
      "memory: '512'",
      'executionRoleArn: arn:aws:iam::123456789012:role/exec',
      'containerDefinitions:',
      '  - name: web',
      "    image: '<IMAGE>'",
      '    portMappings: [{ containerPort: 8000 }]',
    ].join('\n'),
  );
  const task = (...containers: string[]): string =>
    JSON.stringify({
      family: 'api',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
      containerDefinitions: containers.map((name) => ({ name, image: PINNED })),
    });
  writeFileSync(join(workspace, 'pinned.yaml'), task('web'));
  writeFileSync(join(workspace, 'two.yaml'), task('web', 'worker'));
  mkdirSync(join(workspace, '.github', 'workflows'), { recursive: true });
  writeFileSync(
    join(workspace, '.github', 'workflows', 'deploy.yml'),
    [
      'jobs:',
      '  deploy-prod:',
      '    needs: build',
      '    runs-on: ubuntu-24.04',
      '    steps:',
      '      - id: render',
      '        uses: org/ecs-deploy-actions/actions/render-task-def@v1',
      '        with:',
      '          task-definition: pinned.yaml',
      '          image: ${{ needs.build.outputs.image }}',
    ].join('\n'),
  );
});
afterAll(() => {
  for (const result of results) result.cleanup();
  rmSync(workspace, { recursive: true, force: true });
});

async function step(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<StepResult> {
  const result = await runStep({
    actionDir: actionDir('render-task-def'),
    inputs,
    env,
    cwd: workspace,
  });
  results.push(result);
  return result;
}

describe('render-task-def bundle', () => {
  it('renders a YAML file with a bare digest and writes the outputs', async () => {
    const result = await step({
      'task-definition': 'td.yaml',
      image: DIGEST,
      repository: 'team/api',
      registry: REGISTRY,
    });
    expect(result.annotations).toEqual([]);
    expect(result.exitCode).toBe(0);
    const image = `${REGISTRY}/team/api@${DIGEST}`;
    expect(JSON.parse(result.outputs.get('images') ?? '')).toEqual({ web: image });
    expect(result.outputs.get('family')).toBe('api');
    expect(result.outputs.get('changed')).toBe('true');
    const file = result.outputs.get('task-definition') ?? '';
    expect(file.startsWith(result.runnerTemp)).toBe(true);
    const rendered = JSON.parse(readFileSync(file, 'utf8')) as {
      containerDefinitions: { image: string }[];
    };
    expect(rendered.containerDefinitions[0]?.image).toBe(image);
    expect(result.summary).toContain('### Task definition `api`');
  });

  it('explains an empty image as the dropped-output bug, not as ECS would', async () => {
    const result = await step({ 'task-definition': 'td.yaml', image: '' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.size).toBe(0);
    const [error] = result.annotations;
    expect(error?.message).toMatch(
      /^render-task-def: .*unrendered placeholder <IMAGE>\. Inputs 'image' and 'containers' are empty, so the base's value was kept\. The likely cause: an upstream job output was dropped/s,
    );
    expect(error?.message).toContain('fix: Render the image into the task definition');
    expect(result.stdout).not.toContain('Container.image should not be null or empty');
  });

  it('names the job output the workflow set image from, read from the checked-out workflow', async () => {
    const env = {
      GITHUB_WORKSPACE: workspace,
      GITHUB_REPOSITORY: 'org/app',
      GITHUB_WORKFLOW_REF: 'org/app/.github/workflows/deploy.yml@refs/heads/main',
      GITHUB_JOB: 'deploy-prod',
      GITHUB_ACTION: 'render',
    };
    // A base that holds a usable image: without the workflow, this render would quietly keep it.
    const result = await step({ 'task-definition': 'pinned.yaml' }, env);
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((a) => a.message)).toEqual([
      expect.stringMatching(
        /^render-task-def: Input 'image' is empty, so the base's images would be deployed unchanged\. Input 'image' is set from needs\.build\.outputs\.image \(\.github\/workflows\/deploy\.yml, job 'deploy-prod'\).*Skip output/s,
      ),
    ]);
    // Without the workflow (another job), the same step is a config-only render.
    const kept = await step({ 'task-definition': 'pinned.yaml' }, { ...env, GITHUB_JOB: 'other' });
    expect(kept.exitCode).toBe(0);
    expect(JSON.parse(kept.outputs.get('images') ?? '')).toEqual({ web: PINNED });
  });

  it('renders several containers with every other declared input empty, as the runner gives them', async () => {
    for (const extra of [{}, { 'validate-only': 'true' }] as Record<string, string>[]) {
      const result = await step({
        'task-definition': 'two.yaml',
        containers: `web=${PINNED}\nworker=${PINNED}`,
        ...extra,
      });
      expect(result.annotations).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.outputs.get('images') ?? '')).toEqual({
        web: PINNED,
        worker: PINNED,
      });
    }
  });

  it('fails the pull-request check on an invalid definition, listing every problem', async () => {
    const result = await step({
      'task-definition': 'td.yaml',
      'validate-only': 'true',
      memory: '4096',
      secrets: 'DB=arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password',
    });
    expect(result.exitCode).toBe(1);
    const message = result.annotations.map((a) => a.message).join('\n');
    expect(message).toContain('render-task-def: ');
    expect(message).toMatch(/4096/);
    expect(message).toMatch(/containerDefinitions\[0\]\.secrets\[0\]\.valueFrom/);
  });

  it('passes the pull-request check with a warning for the image the deploy will set', async () => {
    const result = await step({ 'task-definition': 'td.yaml', 'validate-only': 'true' });
    expect(result.exitCode).toBe(0);
    expect(result.annotations.map((a) => a.level)).toEqual(['warning']);
  });
});
