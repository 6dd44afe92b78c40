import { describe, expect, it } from '@jest/globals';
import { formatProblem, validateWorkflow, WorkflowLoadError } from '../src/index.js';
import { fixture, runFixture } from './helpers.js';

async function rules(name: string, options = {}): Promise<string[]> {
  return (await validateWorkflow(fixture(name), options)).map(
    (p) => `${p.line ?? '?'} ${p.rule ?? p.kind}: ${p.message}`,
  );
}

describe('validateWorkflow', () => {
  it('accepts a clean workflow (pinned actions, own @v1, minimal permissions, untrusted data via env)', async () => {
    expect(await validateWorkflow(fixture('clean.yml'))).toEqual([]);
  });

  it('reports each policy violation with its line', async () => {
    const found = await rules('policy-violations.yml');
    expect(found).toEqual([
      expect.stringMatching(/^10 permissions: job 'build' has no permissions:/),
      expect.stringMatching(/^14 unpinned-action: 'actions\/checkout@v4' is pinned to 'v4'/),
      expect.stringMatching(/^15 unpinned-action: 'docker\/build-push-action@master'/),
      expect.stringMatching(
        /^19 untrusted-input-in-run: \$\{\{ github\.event\.pull_request\.title \}\}/,
      ),
      expect.stringMatching(/^20 untrusted-input-in-run: \$\{\{ github\.head_ref \}\}/),
      expect.stringMatching(/^24 permissions: permissions: write-all/),
      expect.stringMatching(/^26 untrusted-input-in-run: \$\{\{ needs\.build\.outputs\.tag \}\}/),
      expect.stringMatching(/^26 untrusted-input-in-run: \$\{\{ inputs\.digest \}\}/),
      expect.stringMatching(
        /^26 untrusted-input-in-run: \$\{\{ github\.event\.inputs\.digest \}\}/,
      ),
      expect.stringMatching(/^30 permissions: contents: write/),
    ]);
  });

  it('takes the trusted repositories and the contents: write allowance as options', async () => {
    const found = await rules('policy-violations.yml', {
      trustedRepositories: ['actions/checkout'],
      allowContentsWrite: true,
    });
    expect(found.join('\n')).not.toMatch(/actions\/checkout|contents: write/);
    expect(found.join('\n')).toMatch(/your-org\/ecs-deploy-actions\/actions\/compute-image-tag@v1/);
  });

  it('reports schema and context errors from the parser, with file and line', async () => {
    const problems = await validateWorkflow(fixture('schema-errors.yml'));
    expect(problems.map(formatProblem)).toEqual([
      `${fixture('schema-errors.yml')}:8:5: Unexpected value 'timeout'`,
      `${fixture('schema-errors.yml')}:10:19: Unrecognized named-value: 'foo'`,
    ]);
  });

  it('reports unknown needs', async () => {
    expect(await rules('unknown-needs.yml')).toEqual([
      expect.stringMatching(/^11 parser: Job 'b' depends on unknown job 'z'\./),
    ]);
  });

  it('runWorkflow refuses a workflow that does not load, with the problems', async () => {
    const failure: unknown = await runFixture('schema-errors.yml').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkflowLoadError);
    expect((failure as WorkflowLoadError).problems.map((p) => p.line)).toEqual([8, 10]);
    expect((failure as Error).message).toMatch(
      /schema-errors\.yml:8:5: Unexpected value 'timeout'/,
    );
  });
});
