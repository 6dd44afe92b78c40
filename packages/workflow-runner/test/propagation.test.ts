import { describe, expect, it } from '@jest/globals';
import { ACCOUNT_ID, job, runFixture, step } from './helpers.js';

const prodSecret = {
  environments: { prod: { secrets: { AWS_ACCOUNT_ID: ACCOUNT_ID } } },
};

describe('job outputs holding a masked value are dropped between jobs', () => {
  it('drops an image URI built from an environment secret, and the deploy job sees an empty image', async () => {
    const result = await runFixture('env-secret-output.yml', {
      github: { eventName: 'workflow_dispatch' },
      settings: prodSecret,
    });
    const build = job(result, 'build');
    expect(build.result).toBe('success');
    expect(build.environment?.name).toBe('prod');
    expect(build.outputs).toEqual({ tag: 'sha-abc1234' });
    expect(build.droppedOutputs).toEqual([
      {
        name: 'image',
        reason: 'secret',
        warning: "Skip output 'image' since it may contain secret.",
      },
    ]);
    expect(build.annotations).toContainEqual({
      level: 'warning',
      message: "Skip output 'image' since it may contain secret.",
    });
    // Inside the producing job the step output is intact: only the hand-off is filtered.
    expect(build.steps[1]?.stdout).toContain(`inside=${ACCOUNT_ID}.dkr.ecr`);
    const show = step(job(result, 'deploy'), 'show');
    expect(show.outputs).toEqual({ image: '[]', tag: '[sha-abc1234]' });
    expect(result.result).toBe('success');
    expect(result.transcript).toContain(
      "output image dropped: Skip output 'image' since it may contain secret.",
    );
  });

  it('passes the same URI when the job has no environment, so the env-only secret is not there', async () => {
    const result = await runFixture('env-secret-output.yml', {
      github: { eventName: 'workflow_dispatch' },
      inputs: { environment: '' },
      settings: prodSecret,
    });
    const build = job(result, 'build');
    expect(build.environment).toBeUndefined();
    expect(build.droppedOutputs).toEqual([]);
    expect(step(job(result, 'deploy'), 'show').outputs.image).toBe(
      '[.dkr.ecr.us-east-1.amazonaws.com/app:sha-abc1234]',
    );
  });

  it('drops outputs that contain a value masked by ::add-mask:: in an earlier step', async () => {
    const result = await runFixture('add-mask-output.yml', {
      settings: { repository: { vars: { AWS_ACCOUNT_ID: ACCOUNT_ID } } },
    });
    const build = job(result, 'build');
    expect(build.droppedOutputs.map((d) => d.name).sort()).toEqual(['image', 'registry']);
    expect(build.outputs).toEqual({
      digest: 'sha256:4f1c0e1a9d0e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b',
    });
    expect(build.masked).toContain('add-mask:__run');
    const show = step(job(result, 'deploy'), 'show');
    expect(show.outputs.image).toBe('[]');
    expect(show.outputs.digest).toMatch(/^\[sha256:[0-9a-f]{64}\]$/);
  });

  it('drops the base64 and JSON-escaped forms of a secret', async () => {
    const result = await runFixture('base64-output.yml', {
      settings: { repository: { secrets: { REGISTRY_TOKEN: 'tok"en-12345' } } },
    });
    const build = job(result, 'build');
    expect(build.droppedOutputs.map((d) => d.name).sort()).toEqual(['auth', 'json']);
    expect(build.outputs).toEqual({ user: 'deployer' });
    expect(step(job(result, 'use'), 'show').outputs).toEqual({ auth: '[]', user: '[deployer]' });
  });

  it('the fix: only a tag and a digest cross the boundary, and they arrive intact', async () => {
    const result = await runFixture('digest-only.yml', { settings: prodSecret });
    const build = job(result, 'build');
    expect(build.droppedOutputs).toEqual([]);
    expect(build.outputs).toEqual({
      tag: 'sha-abc1234',
      digest: 'sha256:4f1c0e1a9d0e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b',
    });
    expect(step(job(result, 'deploy'), 'image').outputs.image).toBe(
      `${ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com/app@sha256:4f1c0e1a9d0e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b`,
    );
  });
});
