// The repository's own workflows (.github/workflows): each passes GitHub's parser and our policy,
// and the self-test — the actions run as `uses: ./actions/<name>` against a simulator the job
// starts itself — runs end to end on the local runner.
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_STAND_INS, runWorkflow, validateWorkflow } from '../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKFLOWS = join(ROOT, '.github', 'workflows');

describe('.github/workflows', () => {
  it('every workflow passes validateWorkflow (only release may write contents)', async () => {
    const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'));
    expect(files.sort()).toEqual(['ci.yml', 'release.yml', 'self-test.yml']);
    for (const file of files)
      expect(
        await validateWorkflow(join(WORKFLOWS, file), {
          allowContentsWrite: file === 'release.yml',
        }),
      ).toEqual([]);
  });

  it('self-test runs every action from the repository against the simulator it starts', async () => {
    const run = await runWorkflow({
      file: join(WORKFLOWS, 'self-test.yml'),
      workspace: ROOT,
      github: { eventName: 'push', ref: 'refs/heads/main', sha: 'c'.repeat(40) },
      // setup-node has nothing to do here: the tests already run on an installed Node.
      standIns: { ...DEFAULT_STAND_INS, 'actions/setup-node': () => ({}) },
      stepTimeoutMs: 120_000,
    });
    if (run.result !== 'success') throw new Error(run.transcript);
    const steps = run.jobs.chain?.steps ?? [];
    const outputs = (id: string): Readonly<Record<string, string>> =>
      steps.find((s) => s.id === id)?.outputs ?? {};
    expect(outputs('tag').tag).toBe(`dev-${'c'.repeat(40)}`);
    expect(outputs('push').digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(outputs('migrate')['exit-code']).toBe('0');
    // The migration registered the rendered revision; the rollout reuses that very revision.
    expect(outputs('deploy').registered).toBe('false');
    expect(outputs('deploy')['task-definition-arn']).toBe(
      outputs('migrate')['task-definition-arn'],
    );
    expect(outputs('rollback').result).toBe('healthy');
    expect(outputs('rollback').from).toContain(outputs('push').digest ?? '');
    expect(steps.map((s) => s.conclusion)).not.toContain('failure');
  }, 240_000);
});
