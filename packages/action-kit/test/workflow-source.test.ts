import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { InputReader } from '../src/index.js';
import {
  explainEmptyInput,
  findInputSource,
  jobOutputReferences,
  runAction,
  stepInputExpression,
  workflowPath,
} from '../src/index.js';
import { fakeRuntime } from './fake-runtime.js';

const noSignals = { on: (): void => undefined };

const WORKFLOW = `
jobs:
  build:
    runs-on: ubuntu-24.04
    outputs:
      image: \${{ secrets.AWS_ACCOUNT_ID }}.dkr.ecr.us-east-1.amazonaws.com/app@\${{ steps.push.outputs.digest }}
  deploy:
    needs: [build, tag]
    environment: prod
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v5
      - id: render
        uses: your-org/ecs-deploy-actions/actions/render-task-def@v1
        with:
          task-definition: ecs/td.json
          image: \${{ needs.build.outputs.image }}
          containers: |
            app=\${{ needs['build'].outputs['image'] }}
            worker=\${{ needs.tag.outputs.worker }}
      - uses: ./actions/push-ecr-digest
        with:
          tag: \${{ needs.tag.outputs.tag }}
      - uses: ./actions/push-ecr-digest
        with:
          tag: \${{ needs.tag.outputs.other }}
      - uses: your-org/ecs-deploy-actions/actions/wait-healthy@v1
        with:
          deployment-id: \${{ steps.deploy.outputs.deployment-id }}
`;

describe('jobOutputReferences', () => {
  it.each([
    ['${{ needs.build.outputs.image }}', ['needs.build.outputs.image']],
    ["${{ needs['build'].outputs['image'] }}", ['needs.build.outputs.image']],
    ["${{ needs.build.outputs['image'] }}", ['needs.build.outputs.image']],
    [
      "${{ format('{0}@{1}', needs.a.outputs.repo, needs.b.outputs.digest) }}",
      ['needs.a.outputs.repo', 'needs.b.outputs.digest'],
    ],
    ['${{ needs.a.outputs.x }}-${{ needs.a.outputs.x }}', ['needs.a.outputs.x']],
    ['needs.build.outputs.image', []],
    ['${{ steps.push.outputs.digest }}', []],
  ])('%s', (expression, expected) => {
    expect(jobOutputReferences(expression)).toEqual(expected);
  });
});

describe('stepInputExpression', () => {
  const workflow: unknown = parse(WORKFLOW);
  it.each([
    [
      'by step id',
      { job: 'deploy', stepName: 'render', action: 'render-task-def' },
      'image',
      '${{ needs.build.outputs.image }}',
    ],
    [
      'input names ignore case',
      { job: 'deploy', stepName: 'render', action: 'render-task-def' },
      'IMAGE',
      '${{ needs.build.outputs.image }}',
    ],
    [
      'by uses, the only step of the action',
      { job: 'deploy', stepName: '__your-org_ecs-deploy-actions', action: 'wait-healthy' },
      'deployment-id',
      '${{ steps.deploy.outputs.deployment-id }}',
    ],
    [
      'two steps of the action that disagree',
      { job: 'deploy', action: 'push-ecr-digest' },
      'tag',
      undefined,
    ],
    [
      'an input the step does not set',
      { job: 'deploy', stepName: 'render', action: 'render-task-def' },
      'registry',
      undefined,
    ],
    ['another job', { job: 'build', action: 'render-task-def' }, 'image', undefined],
    ['an unknown job', { job: 'nope', action: 'render-task-def' }, 'image', undefined],
  ])('%s', (_name, step, input, expected) => {
    expect(stepInputExpression(workflow, step, input)).toBe(expected);
  });

  it('tolerates documents that are not workflows', () => {
    for (const document of [null, 'text', [], { jobs: [] }, { jobs: { deploy: { steps: 'x' } } }])
      expect(
        stepInputExpression(document, { job: 'deploy', action: 'a' }, 'image'),
      ).toBeUndefined();
  });
});

describe('workflowPath', () => {
  it.each([
    [
      'org/repo/.github/workflows/deploy.yml@refs/heads/main',
      'org/repo',
      '.github/workflows/deploy.yml',
    ],
    [
      'org/repo/.github/workflows/deploy.yml@refs/pull/3/merge',
      'org/repo',
      '.github/workflows/deploy.yml',
    ],
    ['other/shared/.github/workflows/deploy.yml@v1', 'org/repo', undefined],
    [undefined, 'org/repo', undefined],
  ])('%s', (ref, repository, expected) => {
    expect(workflowPath(ref, repository)).toBe(expected);
  });
});

function workspace(): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'ws-'));
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  writeFileSync(join(dir, '.github', 'workflows', 'deploy.yml'), WORKFLOW);
  return {
    dir,
    env: {
      GITHUB_WORKSPACE: dir,
      GITHUB_REPOSITORY: 'org/repo',
      GITHUB_WORKFLOW_REF: 'org/repo/.github/workflows/deploy.yml@refs/heads/main',
      GITHUB_JOB: 'deploy',
      GITHUB_ACTION: 'render',
    },
  };
}

describe('findInputSource and the failure edge', () => {
  it('finds the job output an input is set from in the checked-out workflow', async () => {
    const { dir, env } = workspace();
    try {
      const source = await findInputSource(env, 'render-task-def', 'image');
      expect(source).toEqual({
        workflow: '.github/workflows/deploy.yml',
        job: 'deploy',
        expression: '${{ needs.build.outputs.image }}',
        jobOutputs: ['needs.build.outputs.image'],
      });
      expect(explainEmptyInput('image', source)).toContain(
        "Input 'image' is set from needs.build.outputs.image (.github/workflows/deploy.yml, job 'deploy'), and an empty job output explains what arrived",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives nothing without a checkout, or for a step output', async () => {
    const { dir, env } = workspace();
    try {
      expect(
        await findInputSource(
          { ...env, GITHUB_WORKSPACE: join(dir, 'nope') },
          'render-task-def',
          'image',
        ),
      ).toBeUndefined();
      const stepOutput = await findInputSource(
        { ...env, GITHUB_ACTION: '__x' },
        'wait-healthy',
        'deployment-id',
      );
      expect(explainEmptyInput('deployment-id', stepOutput)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runAction names the dropped job output when a required input arrives empty', async () => {
    const { dir, env } = workspace();
    try {
      const runtime = fakeRuntime({ ...env, GITHUB_ACTION: '__self', INPUT_TAG: '' });
      const outcome = await runAction(
        'push-ecr-digest',
        ({ inputs }: { inputs: InputReader }) => {
          inputs.required('tag', 'an image tag');
        },
        runtime,
        noSignals,
      );
      expect(outcome).toBe('failed');
      // Two push-ecr-digest steps set `tag` differently: the step is ambiguous, nothing is claimed.
      expect(runtime.lines.join('\n')).not.toContain('needs.tag.outputs');
      const single = fakeRuntime({ ...env, INPUT_IMAGE: '' });
      await runAction(
        'render-task-def',
        ({ inputs }) => {
          inputs.required('image', 'an image');
        },
        single,
        noSignals,
      );
      const error = single.lines.find((line) => line.startsWith('::error'));
      expect(error).toContain('needs.build.outputs.image');
      expect(error).toContain('Skip output');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
