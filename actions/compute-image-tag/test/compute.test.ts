import { describe, expect, it } from '@jest/globals';
import { computeTags, type TagInputs } from '../src/compute.js';
import { gitContextFrom, type GitContext } from '../src/git-context.js';

const SHA = '10683f6edf72a951e1057f6f3bb713373cf08333';
const PR_HEAD = 'b5e4c0a1f2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7';
const NOW = new Date('2026-11-22T10:00:00Z');

const events = {
  push: gitContextFrom(
    {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_SHA: SHA,
      GITHUB_REF: 'refs/heads/feature/Login',
      GITHUB_RUN_NUMBER: '42',
      GITHUB_RUN_ATTEMPT: '2',
    },
    { head_commit: { timestamp: '2026-11-20T23:30:00-02:00' } },
    NOW,
  ),
  tag: gitContextFrom(
    { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: SHA, GITHUB_REF: 'refs/tags/v1.2.3-rc.1' },
    {},
    NOW,
  ),
  pullRequest: gitContextFrom(
    {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_SHA: 'f'.repeat(40),
      GITHUB_REF: 'refs/pull/17/merge',
      GITHUB_HEAD_REF: 'fix-x',
    },
    { pull_request: { number: 17, head: { sha: PR_HEAD, ref: 'fix-x' } } },
    NOW,
  ),
  dispatch: gitContextFrom(
    { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/main' },
    { inputs: {} },
    NOW,
  ),
  schedule: gitContextFrom(
    { GITHUB_EVENT_NAME: 'schedule', GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/main' },
    { schedule: '0 3 * * *' },
    NOW,
  ),
} satisfies Record<string, GitContext>;

const base: TagInputs = { extraTags: [], shortShaLength: 7 };

describe('computeTags', () => {
  it.each<[string, keyof typeof events, Partial<TagInputs>, string, string[] | undefined]>([
    ['environment default', 'push', { environment: 'dev' }, `dev-${SHA}`, undefined],
    ['no environment', 'push', {}, 'sha-10683f6', undefined],
    ['explicit sha wins', 'push', { sha: PR_HEAD.toUpperCase() }, 'sha-b5e4c0a', undefined],
    ['short sha length', 'push', { shortShaLength: 12 }, 'sha-10683f6edf72', undefined],
    [
      'branch sanitised',
      'push',
      { format: '{branch}-{short-sha}' },
      'feature-Login-10683f6',
      undefined,
    ],
    ['run and attempt', 'push', { format: 'r{run}.{run-attempt}' }, 'r42.2', undefined],
    [
      'date of the commit, in UTC',
      'push',
      { format: '{date}-{short-sha}' },
      '20261121-10683f6',
      undefined,
    ],
    [
      'semver parts',
      'tag',
      { format: '{major}.{minor}', extraTags: ['{version}', 'v{major}', '{prerelease}'] },
      '1.2',
      ['1.2', '1.2.3-rc.1', 'v1', 'rc.1'],
    ],
    [
      'pull request head sha and number',
      'pullRequest',
      { format: 'pr-{pr}-{short-sha}', extraTags: ['{branch}'] },
      'pr-17-b5e4c0a',
      ['pr-17-b5e4c0a', 'fix-x'],
    ],
    ['workflow_dispatch', 'dispatch', { environment: 'prod' }, `prod-${SHA}`, undefined],
    [
      'schedule uses the run date',
      'schedule',
      { format: 'nightly-{date}' },
      'nightly-20261122',
      undefined,
    ],
    [
      'duplicates dropped',
      'push',
      { environment: 'dev', extraTags: ['{env}-{sha}', 'latest', 'latest'] },
      `dev-${SHA}`,
      [`dev-${SHA}`, 'latest'],
    ],
  ])('%s', (_name, event, inputs, tag, tags) => {
    const result = computeTags({ ...base, ...inputs }, events[event]);
    expect(result.tag).toBe(tag);
    expect(result.tags).toEqual(tags ?? [tag]);
    expect(result.tags.every((t) => /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(t))).toBe(true);
  });

  it.each<[string, keyof typeof events, Partial<TagInputs>, string]>([
    [
      '{pr} outside a pull request',
      'push',
      { format: '{pr}' },
      'uses {pr}, but this run is not for a pull request (event "push")',
    ],
    [
      'semver on a branch',
      'push',
      { format: '{version}' },
      'uses {version}, but this run is not for a tag ref',
    ],
    [
      '{branch} on a tag',
      'tag',
      { format: '{branch}' },
      'uses {branch}, but this run is not for a branch',
    ],
    [
      'unknown placeholder',
      'push',
      { format: '{commit}' },
      'uses the unknown placeholder {commit}. Expected one of {env}, {environment}, {sha}',
    ],
    ['unmatched brace', 'push', { format: 'x-{sha' }, 'has an unmatched brace'],
    [
      'empty after sanitising',
      'push',
      { extraTags: ['///'] },
      'Input \'extra-tags\' line 1 ("///") gives "///", which has no character allowed in a tag',
    ],
    [
      'bad sha',
      'push',
      { sha: 'abc123' },
      'Input \'sha\' is "abc123". Expected a full 40-character commit sha',
    ],
    [
      '{env} without environment',
      'push',
      { format: '{env}' },
      "uses {env}, but the 'environment' input is empty",
    ],
    [
      'account id in a literal',
      'push',
      { extraTags: ['acct-123456789012'] },
      'Input \'extra-tags\' line 1 ("acct-123456789012") contains a run of 12 or more digits',
    ],
    [
      'registry host in the format',
      'push',
      { format: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:{sha}' },
      'contains an ECR registry host',
    ],
    [
      'account id as environment',
      'push',
      { environment: '123456789012' },
      'Input \'environment\' ("123456789012") contains a run of 12 or more digits',
    ],
  ])('refuses %s', (_name, event, inputs, message) => {
    expect(() => computeTags({ ...base, ...inputs }, events[event])).toThrow(message);
  });

  it('does not mistake digits inside the commit sha for an account id', () => {
    const digitSha = '123456789012345678901234567890abcdefabcd';
    expect(computeTags({ ...base, sha: digitSha, environment: 'dev' }, events.push).tag).toBe(
      `dev-${digitSha}`,
    );
  });

  it('explains the dropped-output bug and the fix', () => {
    expect(() =>
      computeTags(
        { ...base, extraTags: ['123456789012.dkr.ecr.us-east-1.amazonaws.com/app:dev'] },
        events.push,
      ),
    ).toThrow(
      /Skip output .* since it may contain secret.*Container\.image should not be null or empty/s,
    );
  });

  it('needs GITHUB_SHA when no sha is given', () => {
    const context = gitContextFrom({ GITHUB_EVENT_NAME: 'push' }, {}, NOW);
    expect(() => computeTags(base, context)).toThrow("Input 'GITHUB_SHA' is empty");
  });
});
