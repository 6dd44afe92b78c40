// The bundle, run the way the runner runs it: INPUT_* variables, GITHUB_OUTPUT file, exit code.
import { afterEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionDir, runStep, type StepResult } from '@ecs-deploy/runner-harness';

const SHA = '10683f6edf72a951e1057f6f3bb713373cf08333';
const results: StepResult[] = [];
async function step(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<StepResult> {
  const result = await runStep({ actionDir: actionDir('compute-image-tag'), inputs, env });
  results.push(result);
  return result;
}
afterEach(() => {
  for (const result of results.splice(0)) result.cleanup();
});

describe('compute-image-tag bundle', () => {
  it('writes dev-<sha> and the rest in the runner heredoc format', async () => {
    const result = await step(
      { environment: 'dev', sha: SHA, 'extra-tags': 'dev-latest\n{branch}' },
      {
        GITHUB_REF: 'refs/heads/main',
        GITHUB_EVENT_NAME: 'push',
      },
    );
    expect(result.exitCode).toBe(0);
    expect(result.annotations).toEqual([]);
    expect(Object.fromEntries(result.outputs)).toEqual({
      tag: `dev-${SHA}`,
      tags: `dev-${SHA}\ndev-latest\nmain`,
      sha: SHA,
      'short-sha': '10683f6',
      environment: 'dev',
      json: JSON.stringify({
        tag: `dev-${SHA}`,
        tags: [`dev-${SHA}`, 'dev-latest', 'main'],
        sha: SHA,
        shortSha: '10683f6',
        environment: 'dev',
      }),
    });
    expect(result.summary).toContain(`\`dev-${SHA}\``);
  });

  it('reads the pull request head commit from the event file', async () => {
    const head = 'b5e4c0a1f2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7';
    const first = await step({});
    const eventPath = join(first.runnerTemp, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({ pull_request: { number: 9, head: { sha: head, ref: 'x' } } }),
    );
    const result = await step(
      { format: 'pr-{pr}-{short-sha}' },
      {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_SHA: 'f'.repeat(40),
      },
    );
    expect(result.exitCode).toBe(0);
    expect(result.outputs.get('tag')).toBe('pr-9-b5e4c0a');
    expect(result.outputs.get('sha')).toBe(head);
  });

  it('uses the action.yml default for short-sha-length', async () => {
    const result = await step({}, { GITHUB_SHA: SHA });
    expect(result.outputs.get('tag')).toBe('sha-10683f6');
  });

  it('refuses an account id with the explanation, writing no output', async () => {
    const result = await step({
      environment: 'dev',
      sha: SHA,
      'extra-tags': '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:dev',
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.size).toBe(0);
    const errors = result.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.title).toBe('compute-image-tag');
    expect(errors[0]?.message).toMatch(
      /^compute-image-tag: Input 'extra-tags' line 1 .* contains an ECR registry host/,
    );
    expect(errors[0]?.message).toContain('Hint: Pass only tags and digests between jobs.');
  });

  it.each([
    [{ sha: 'not-a-sha' }, 'Input \'sha\' is "not-a-sha"'],
    [
      { 'short-sha-length': '3' },
      "Input 'short-sha-length' is 3. Expected a whole number from 7 to 40.",
    ],
    [{ 'short-sha-length': '' }, "Input 'short-sha-length' is required but empty"],
  ])('fails clearly on %p', async (inputs, message) => {
    const result = await step(inputs, { GITHUB_SHA: SHA });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((a) => a.message).join('\n')).toContain(message);
  });

  describe('a long environment or branch never cuts the commit (defect 2)', () => {
    const OTHER = 'b5e4c0a1f2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7';
    const longEnvironment = `staging-${'and-on-'.repeat(19)}and`.slice(0, 140);
    const longBranch = `feature/${'x'.repeat(95)}`;

    it('gives two commits two tags, each holding the whole commit, and says what it shortened', async () => {
      const tags = [];
      for (const sha of [SHA, OTHER]) {
        const result = await step({ environment: longEnvironment, sha });
        expect(result.exitCode).toBe(0);
        const tag = result.outputs.get('tag') ?? '';
        expect(tag).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/);
        expect(tag.endsWith(`-${sha}`)).toBe(true);
        const notices = result.annotations.filter((a) => a.level === 'notice');
        expect(notices.map((a) => a.message).join('\n')).toMatch(
          /Input 'environment' .*shortened \{env\} \(140 characters\).*128 characters.*commit is never cut/,
        );
        tags.push(tag);
      }
      expect(new Set(tags).size).toBe(2);
    });

    it('keeps the 40 characters of the commit after a 103-character branch', async () => {
      const env = { GITHUB_REF: `refs/heads/${longBranch}`, GITHUB_EVENT_NAME: 'push' };
      const first = await step({ sha: SHA, format: '{branch}-{sha}' }, env);
      const again = await step({ sha: SHA, format: '{branch}-{sha}' }, env);
      expect(first.exitCode).toBe(0);
      expect(first.outputs.get('tag')).toMatch(new RegExp(`^feature-x+-[a-z]{8}-${SHA}$`));
      expect(first.outputs.get('tag')?.length).toBeLessThanOrEqual(128);
      expect(again.outputs.get('tag')).toBe(first.outputs.get('tag'));
    });

    it('gives two long branches that differ only past the limit two extra tags', async () => {
      const run = (branch: string): Promise<StepResult> =>
        step(
          { sha: SHA, 'extra-tags': '{branch}-latest' },
          { GITHUB_REF: `refs/heads/${branch}`, GITHUB_EVENT_NAME: 'push' },
        );
      const a = await run(`${'b'.repeat(150)}-one`);
      const b = await run(`${'b'.repeat(150)}-two`);
      const extra = (result: StepResult): string =>
        result.outputs.get('tags')?.split('\n')[1] ?? '';
      expect(extra(a)).toHaveLength(128);
      expect(extra(a).endsWith('-latest')).toBe(true);
      expect(extra(a)).not.toBe(extra(b));
    });

    it('refuses a template whose literal text and commit alone are too long', async () => {
      const result = await step({ sha: SHA, format: `${'release-'.repeat(12)}{sha}` });
      expect(result.exitCode).toBe(1);
      expect(result.outputs.size).toBe(0);
      expect(result.annotations.map((a) => a.message).join('\n')).toMatch(
        /Input 'format' .* gives a tag of 136 characters, more than the 128 .*never cut/,
      );
    });

    it('says that a format without the commit can name several commits', async () => {
      const result = await step({ format: 'nightly-{date}' }, { GITHUB_SHA: SHA });
      expect(result.exitCode).toBe(0);
      expect(result.annotations.filter((a) => a.level === 'notice').map((a) => a.message)).toEqual([
        expect.stringContaining('Input \'format\' ("nightly-{date}") has no {sha} or {short-sha}'),
      ]);
    });
  });
});
