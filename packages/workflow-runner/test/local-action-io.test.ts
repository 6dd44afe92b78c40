import { dirname } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fixture, job, runFixture, step } from './helpers.js';

// Small fixture actions under test/fixtures/actions, with the fixtures dir as the workspace.
describe('local actions run as the runner runs them', () => {
  const workspace = dirname(fixture('local-actions.yml'));

  it('passes inputs (defaults included), env and GITHUB_ENV, and collects outputs and masks', async () => {
    const result = await runFixture('local-actions.yml', { workspace, github: { actor: 'octo' } });
    const probe = job(result, 'probe');
    expect(step(probe, 'plain').outputs.seen).toBe('nobody|probe|push|workflow|from-env-file|');
    expect(step(probe, 'probe').outputs.seen).toBe(
      'octo|probe|push|workflow|from-env-file|hidden-value',
    );
    expect(step(probe, 'after').outputs['from-action']).toBe('set-by-action');
    // The action masked its input, so the job output holding it is dropped; the other survives.
    expect(probe.outputs).toEqual({ who: 'nobody|probe|push|workflow|from-env-file|' });
    expect(probe.droppedOutputs.map((d) => d.name)).toEqual(['seen']);
    const logs = result.events.flatMap((e) => (e.type === 'log' ? [e.line] : []));
    expect(logs).toContain('::add-mask::***');
  });

  it('reports an action that crashes, and one that does not exist', async () => {
    const result = await runFixture('local-actions.yml', { workspace });
    const crash = job(result, 'crash');
    expect(crash.result).toBe('failure');
    expect(step(crash, 'crash').annotations[0]?.message).toMatch(
      /^Node run failed with exit code 1: Error: boom from the crash action/,
    );
    expect(step(crash, 'missing').annotations[0]?.message).toMatch(/Can't find 'action\.yml'/);
  });
});
