import { describe, expect, it } from '@jest/globals';
import {
  brokenLinks,
  cComments,
  commentCitations,
  githubSlug,
  hashComments,
  headingAnchors,
  markdownReferences,
  type RepositoryView,
} from '../src/index.js';

describe('githubSlug and headingAnchors', () => {
  it.each<[string, string]>([
    ['# The AWS model is the judge', 'the-aws-model-is-the-judge'],
    [
      '## Conformance: what we rely on, where the runner does it',
      'conformance-what-we-rely-on-where-the-runner-does-it',
    ],
    ['### The job (`@ecs-deploy/workflow-runner`)', 'the-job-ecs-deployworkflow-runner'],
    ['## Read-only fields', 'read-only-fields'],
    ['## `secrets[].valueFrom`', 'secretsvaluefrom'],
    ['## Following _its own_ deployment', 'following-its-own-deployment'],
    ['## `snake_case` and __bold__', 'snake_case-and-bold'],
    ['## A [link](x.md) in a heading', 'a-link-in-a-heading'],
    ['## Dev → prod, by digest', 'dev--prod-by-digest'],
    ['## Closing hashes ##', 'closing-hashes'],
    ['## Ünïcode stays', 'ünïcode-stays'],
    ['Setext heading\n==============', 'setext-heading'],
    ['Setext two\n---', 'setext-two'],
    ['<a id="custom-anchor"></a>', 'custom-anchor'],
  ])('%s → #%s', (markdown, anchor) => {
    expect([...headingAnchors(markdown)]).toContain(anchor);
  });

  it('numbers repeated headings as GitHub does', () => {
    expect([...headingAnchors('# Usage\n## Usage\n### Usage\n')]).toEqual([
      'usage',
      'usage-1',
      'usage-2',
    ]);
  });

  it('ignores headings in fenced code and comments, and list items before a rule', () => {
    const text = '```sh\n# not a heading\n```\n<!-- # hidden -->\n- item\n---\n| a |\n| - |\n';
    expect([...headingAnchors(text)]).toEqual([]);
  });

  it('keeps what the slugger keeps', () => {
    expect(githubSlug('  A-b_c 1.2 ')).toBe('a-b_c-12');
  });
});

describe('markdownReferences', () => {
  it.each<[string, string, string[]]>([
    [
      'inline link',
      'See [the map](docs/architecture.md#the-chain).',
      ['link docs/architecture.md#the-chain'],
    ],
    ['link with title', '[x](a.md "Title")', ['link a.md']],
    ['angle destination', '[x](<docs/a b.md>)', ['link docs/a b.md']],
    ['image', '![diagram](img/chain.png)', ['link img/chain.png']],
    [
      'code span in link text',
      '[`wait-healthy`](actions/wait-healthy/README.md)',
      ['link actions/wait-healthy/README.md'],
    ],
    ['reference definition', '[map]: ./docs/architecture.md', ['link ./docs/architecture.md']],
    ['html href', '<a href="SECURITY.md">policy</a>', ['link SECURITY.md']],
    [
      'web link (listed, not followed)',
      '[AWS](https://docs.aws.amazon.com/)',
      ['link https://docs.aws.amazon.com/'],
    ],
    ['path cited in a code span', 'read `notes/outside.md` first', ['citation notes/outside.md']],
    ['bare name cited in a code span', 'See `MAP.md`.', ['citation MAP.md']],
    ['code span that is not a path', 'run `npm run docs`, see `<name>/README.md`', []],
    ['link inside a code span', 'write `[x](nowhere.md)` like this', []],
    ['link in a fenced block', '```md\n[x](nowhere.md)\n```', []],
    ['link in a comment', '<!-- [x](nowhere.md) -->', []],
    [
      'link in a fenced block in a nested list',
      '- a\n  - b\n\n    ```md\n    [x](nowhere.md)\n    ```',
      [],
    ],
    ['link after a fenced block', '```\ncode\n```\n[x](a.md)', ['link a.md']],
  ])('%s', (_name, markdown, expected) => {
    expect(markdownReferences(markdown).map((r) => `${r.kind} ${r.target}`)).toEqual(expected);
  });

  it('gives the line of each reference', () => {
    expect(markdownReferences('a\n\n[x](y.md)\n').map((r) => r.line)).toEqual([3]);
  });
});

describe('comment citations', () => {
  it.each<[string, string, 'c' | 'hash', string[]]>([
    [
      'line comment',
      '// see (docs/aws-behaviour.md#read-only-fields)',
      'c',
      ['docs/aws-behaviour.md#read-only-fields'],
    ],
    [
      'block comment',
      '/*\n * ECS stores it (docs/aws-behaviour.md#units).\n */',
      'c',
      ['docs/aws-behaviour.md#units'],
    ],
    ['relative path', '// copied; see fixtures/SOURCES.md', 'c', ['fixtures/SOURCES.md']],
    ['bare name with anchor', '// README.md#usage', 'c', ['README.md#usage']],
    [
      'more anchors of the same file',
      '// (docs/aws-behaviour.md#services-and-deployments, #target-health).',
      'c',
      ['docs/aws-behaviour.md#services-and-deployments', 'docs/aws-behaviour.md#target-health'],
    ],
    ['bare name without anchor is prose', '// for the JSON and README.md.', 'c', []],
    ['a string is not a comment', "const x = 'docs/missing.md#x'; // fine", 'c', []],
    ['a URL before a comment', "fetch('http://h/docs/a.md'); // docs/b.md", 'c', ['docs/b.md']],
    ['shell variable path', '# writes "$RUNNER_TEMP/notes.md"', 'hash', []],
    [
      'yaml comment',
      'uses: x # docs/architecture.md#the-chain',
      'hash',
      ['docs/architecture.md#the-chain'],
    ],
    ['yaml value with #', "run: echo '#docs/a.md'", 'hash', []],
  ])('%s', (_name, text, style, expected) => {
    expect(commentCitations(text, style).map((r) => r.target)).toEqual(expected);
  });

  it('reads comments line by line', () => {
    expect(cComments("a /* b\nc */ d // e\n'//' f")).toEqual([' b', 'c    e', '']);
    expect(hashComments('a: 1 # b\n# c\nd: "#e"')).toEqual([' b', ' c', '']);
  });
});

function repo(files: Record<string, string>): RepositoryView {
  return { files: Object.keys(files), read: (file) => files[file] ?? '' };
}

describe('brokenLinks', () => {
  const base = {
    'README.md': '# Title\n',
    'docs/architecture.md': '# Architecture\n## The chain\n## Errors\n',
    'docs/aws-behaviour.md': '# AWS\n## Read-only fields\n',
    'packages/a/README.md': '# a\n',
    'packages/a/src/x.ts': '',
    'dist/a/index.js': '',
  };
  it.each<[string, Record<string, string>, string[]]>([
    ['a link to a file', { 'README.md': '[m](docs/architecture.md)' }, []],
    ['a link to a heading', { 'README.md': '[m](docs/architecture.md#the-chain)' }, []],
    [
      'a link up and back down',
      { 'packages/a/README.md': '[m](../../docs/architecture.md#errors)' },
      [],
    ],
    ['a root-relative link', { 'packages/a/README.md': '[m](/docs/architecture.md)' }, []],
    ['a link to a folder', { 'README.md': '[a](packages/a/)' }, []],
    ['a link to a source file with a line', { 'README.md': '[x](packages/a/src/x.ts#L3)' }, []],
    ['an anchor in the same file', { 'README.md': '# Title\n[t](#title)' }, []],
    ['a web link', { 'README.md': '[w](https://example.com/nowhere.md#x)' }, []],
    ['a mail link', { 'README.md': '[w](mailto:a@b.c)' }, []],
    [
      'a missing file',
      { 'README.md': '\n[m](docs/MAP.md)' },
      ['README.md:2: docs/MAP.md → no such file in the repository (docs/MAP.md)'],
    ],
    [
      'a missing heading',
      { 'README.md': '[m](docs/architecture.md#the-map)' },
      [
        'README.md:1: docs/architecture.md#the-map → no heading with anchor #the-map in docs/architecture.md',
      ],
    ],
    [
      'a heading in the wrong case',
      { 'README.md': '[m](docs/architecture.md#Errors)' },
      [
        'README.md:1: docs/architecture.md#Errors → no heading with anchor #Errors in docs/architecture.md (did you mean #errors?)',
      ],
    ],
    [
      'a missing anchor in the same file',
      { 'README.md': '# Title\n[t](#tittle)' },
      ['README.md:2: #tittle → no heading with anchor #tittle in README.md'],
    ],
    [
      'a link out of the repository',
      { 'README.md': '[s](../shared/MAP.md)' },
      ['README.md:1: ../shared/MAP.md → leaves the repository'],
    ],
    [
      'a link out of the repository from below',
      { 'packages/a/README.md': '[s](../../../x.md)' },
      ['packages/a/README.md:1: ../../../x.md → leaves the repository'],
    ],
    [
      'a cited path that is missing',
      { 'packages/a/README.md': 'per `notes/outside.md`' },
      [
        'packages/a/README.md:1: notes/outside.md → no such file in the repository (packages/a/notes/outside.md or notes/outside.md)',
      ],
    ],
    ['a cited path from the root', { 'packages/a/README.md': 'see `docs/architecture.md`' }, []],
    [
      'a comment citation',
      { 'packages/a/src/x.ts': '// (docs/aws-behaviour.md#read-only-fields)' },
      [],
    ],
    [
      'a comment citation to a missing heading',
      { 'packages/a/src/x.ts': '/*\n * (docs/aws-behaviour.md#read-only)\n */' },
      [
        'packages/a/src/x.ts:2: docs/aws-behaviour.md#read-only → no heading with anchor #read-only in docs/aws-behaviour.md',
      ],
    ],
    [
      'a comment citing an outside spec',
      { 'packages/a/src/x.ts': '// (notes/outside.md §3)' },
      [
        'packages/a/src/x.ts:1: notes/outside.md → no such file in the repository (packages/a/src/notes/outside.md or notes/outside.md)',
      ],
    ],
    ['bundles are not checked', { 'dist/a/index.js': '// docs/nowhere.md' }, []],
    ['installed packages are not checked', { 'node_modules/x/README.md': '[x](nowhere.md)' }, []],
  ])('%s', (_name, files, expected) => {
    const found = brokenLinks(repo({ ...base, ...files }));
    expect(found.map((b) => `${b.file}:${b.line}: ${b.target} → ${b.why}`)).toEqual(expected);
  });
});
