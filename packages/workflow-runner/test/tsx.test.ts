import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { REPO_ROOT } from '@ecs-deploy/runner-harness';
import { fixture } from './helpers.js';

// The demo runs this package through tsx, where @actions/workflow-parser's JSON import (no
// import attribute) is handled by tsx's loader; jest handles it in its own module loader.
describe('under tsx', () => {
  it('parses and runs a workflow from the command line', async () => {
    const { stdout } = await promisify(execFile)(
      join(REPO_ROOT, 'node_modules/.bin/tsx'),
      ['packages/workflow-runner/src/cli.ts', 'run', fixture('compute-image-tag.yml')],
      { cwd: REPO_ROOT, timeout: 30_000 },
    );
    expect(stdout).toContain('job tag: success');
    expect(stdout).toMatch(/output tag = dev-[0-9a-f]{40}/);
    expect(stdout).toContain('workflow: success');
  });
});
