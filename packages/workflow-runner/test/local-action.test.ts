import { describe, expect, it } from '@jest/globals';
import { job, runFixture, step } from './helpers.js';

// The real compute-image-tag bundle (dist/compute-image-tag/index.js), run as the runner runs it.
describe('a local JavaScript action in a workflow', () => {
  it('tags in a job without environment; the deploy job reads needs.tag.outputs.tag', async () => {
    const result = await runFixture('compute-image-tag.yml', {
      github: { eventName: 'workflow_dispatch' },
    });
    const tag = job(result, 'tag');
    expect(tag.result).toBe('success');
    const computed = step(tag, 'tag');
    expect(computed.kind).toBe('action');
    expect(computed.outputs.tag).toBe('dev-10683f6edf72a951e1057f6f3bb713373cf08333');
    expect(computed.summary).toContain('Image tags');
    expect(tag.outputs.tags).toBe('dev-10683f6edf72a951e1057f6f3bb713373cf08333\nmain-latest');
    expect(tag.droppedOutputs).toEqual([]);
    expect(step(job(result, 'deploy'), 'deploy').outputs.tag).toBe(
      'dev-10683f6edf72a951e1057f6f3bb713373cf08333',
    );
  });

  it('fails the job with the action error when extra-tags holds an account id', async () => {
    const result = await runFixture('compute-image-tag.yml', {
      github: { eventName: 'workflow_dispatch' },
      inputs: { 'extra-tags': '123456789012-latest' },
    });
    const tag = job(result, 'tag');
    expect(tag.result).toBe('failure');
    expect(step(tag, 'tag').outcome).toBe('failure');
    const error = tag.annotations.find((a) => a.level === 'error');
    expect(error?.title).toBe('compute-image-tag');
    expect(error?.message).toMatch(/Input 'extra-tags' line 1 .* may be an AWS account id/);
    expect(job(result, 'deploy').result).toBe('skipped');
    expect(result.result).toBe('failure');
  });

  it('runs the product published form from the local actions/ directory', async () => {
    const result = await runFixture('published-action.yml');
    const tag = step(job(result, 'tag'), 'tag');
    expect(tag.uses).toBe('your-org/ecs-deploy-actions/actions/compute-image-tag@v1');
    expect(tag.outputs.tag).toBe('build-10683f6');
  });
});
