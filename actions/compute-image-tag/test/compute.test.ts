import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '@ecs-deploy/test-support/random';
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

describe('computeTags, long values (the commit is never cut)', () => {
  const OTHER = 'b5e4c0a1f2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7';
  const onBranch = (branch: string): GitContext =>
    gitContextFrom(
      { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: SHA, GITHUB_REF: `refs/heads/${branch}` },
      {},
      NOW,
    );
  const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

  it.each<[string, string, Partial<TagInputs>, RegExp, RegExp | undefined]>([
    [
      '140-character environment, default template',
      'main',
      { environment: `staging-${'and-on-'.repeat(19)}`.slice(0, 140) },
      new RegExp(`^staging-(and-on-)+a?n?d?-?[a-z]{8}-${SHA}$`),
      /shortened \{env\} \(140 characters\)/,
    ],
    [
      '103-character branch before the sha',
      `feature/${'x'.repeat(95)}`,
      { format: '{branch}-{sha}' },
      new RegExp(`^feature-x+-[a-z]{8}-${SHA}$`),
      /shortened \{branch\} \(103 characters\)/,
    ],
    [
      'long branch after the short sha',
      'y'.repeat(200),
      { format: '{short-sha}-{branch}' },
      /^10683f6-y+-[a-z]{8}$/,
      /shortened \{branch\} \(200 characters\)/,
    ],
    [
      'long environment and long branch both cut',
      'b'.repeat(100),
      { environment: 'e'.repeat(100), format: '{env}-{branch}-{sha}' },
      new RegExp(`^e{34}-[a-z]{8}-b{34}-[a-z]{8}-${SHA}$`),
      /shortened \{env\} \(100 characters\) to "e+-[a-z]{8}", \{branch\} \(100 characters\)/,
    ],
    [
      'unicode environment: sanitised first, then it fits',
      'main',
      { environment: 'ü'.repeat(140) + 'x' },
      new RegExp(`^x-${SHA}$`),
      undefined,
    ],
    [
      'long unicode branch',
      `${'日本'.repeat(40)}${'ab'.repeat(70)}`,
      { format: '{branch}-{sha}' },
      new RegExp(`^ab(ab)+a?-[a-z]{8}-${SHA}$`),
      /shortened \{branch\}/,
    ],
    [
      'exactly 128 characters is left alone',
      'c'.repeat(87),
      { format: '{branch}-{sha}' },
      new RegExp(`^c{87}-${SHA}$`),
      undefined,
    ],
  ])('%s', (_name, branch, inputs, tag, notice) => {
    const result = computeTags({ ...base, ...inputs }, onBranch(branch));
    expect(result.tag).toMatch(tag);
    expect(result.tag).toMatch(TAG);
    if (notice === undefined) expect(result.notices).toEqual([]);
    else expect(result.notices.join('\n')).toMatch(notice);
  });

  it('replaces a value with no letter or digit by its hash, so it neither vanishes nor collides', () => {
    const a = computeTags({ ...base, environment: 'プロダクション' }, onBranch('main'));
    const b = computeTags({ ...base, environment: 'ステージング' }, onBranch('main'));
    expect(a.tag).toMatch(new RegExp(`^[a-z]{8}-${SHA}$`));
    expect(b.tag).toMatch(new RegExp(`^[a-z]{8}-${SHA}$`));
    expect(a.tag).not.toBe(b.tag);
    expect(a.notices).toEqual([
      expect.stringMatching(
        /^Input 'environment' \("\{env\}-\{sha\}"\): replaced \{env\} \("プロダクション"\) by "[a-z]{8}"/,
      ),
    ]);
    const branch = computeTags({ ...base, extraTags: ['{branch}'] }, onBranch('日本'));
    expect(branch.tags[1]).toMatch(/^[a-z]{8}$/);
  });

  it('cuts extra tags the same way and names the line', () => {
    const result = computeTags(
      { ...base, extraTags: ['latest', '{branch}-latest'] },
      onBranch(`${'z'.repeat(150)}-one`),
    );
    expect(result.tags[2]).toMatch(/^z+-[a-z]{8}-latest$/);
    expect(result.tags[2]).toHaveLength(128);
    expect(result.notices).toEqual([
      expect.stringContaining(
        'Input \'extra-tags\' line 2 ("{branch}-latest"): shortened {branch}',
      ),
    ]);
  });

  it.each<[string, Partial<TagInputs>]>([
    ['long literal with the sha', { format: `${'release-'.repeat(12)}{sha}` }],
    ['long literal extra tag', { extraTags: ['x'.repeat(129)] }],
    ['no room left for the hash', { format: `${'r'.repeat(81)}{branch}{sha}` }],
  ])('refuses %s, naming the input', (_name, inputs) => {
    expect(() => computeTags({ ...base, ...inputs }, onBranch('b'.repeat(50)))).toThrow(
      /Input '(format|extra-tags)'.* more than the 128 a tag may have, and cannot be shortened/,
    );
  });

  it('says that a format without the commit can name several commits', () => {
    const result = computeTags({ ...base, format: '{branch}-latest' }, onBranch('main'));
    expect(result.tag).toBe('main-latest');
    expect(result.notices).toEqual([
      expect.stringContaining(`Input 'format' ("{branch}-latest") has no {sha} or {short-sha}`),
    ]);
    expect(computeTags({ ...base, extraTags: ['latest'] }, onBranch('main')).notices).toEqual([]);
  });

  it('holds for generated environments, branches and templates', () => {
    const next = seededRandom(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const chars = [
      'a',
      'b',
      'c',
      'X',
      'Y',
      'Z',
      '0',
      '1',
      '9',
      '_',
      '.',
      '-',
      '/',
      ' ',
      'é',
      '日',
      '🚀',
    ];
    const value = (max: number): string =>
      `a${Array.from({ length: Math.floor(next() * max) }, () => pick(chars)).join('')}`;
    const templates = [
      '{env}-{sha}',
      '{branch}-{sha}',
      '{sha}-{branch}',
      '{env}-{branch}-{short-sha}',
      '{branch}.{env}.{sha}',
      'v-{env}_{short-sha}',
    ];
    for (let round = 0; round < 500; round += 1) {
      const inputs: TagInputs = {
        ...base,
        environment: value(250),
        format: pick(templates),
        shortShaLength: 7 + Math.floor(next() * 34),
      };
      const branch = value(250);
      const label = JSON.stringify({ inputs, branch });
      const one = computeTags(inputs, onBranch(branch));
      const again = computeTags(inputs, onBranch(branch));
      const other = computeTags({ ...inputs, sha: OTHER }, onBranch(branch));
      const commit = (inputs.format ?? '').includes('{sha}') ? SHA : one.shortSha;
      expect({
        label,
        valid: TAG.test(one.tag),
        commit: one.tag.includes(commit),
        deterministic: again.tag === one.tag,
        distinct: other.tag !== one.tag,
      }).toEqual({ label, valid: true, commit: true, deterministic: true, distinct: true });
    }
  });
});
