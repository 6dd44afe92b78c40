import { ActionError, InputError } from '@ecs-deploy/action-kit';
import {
  MAX_TAG_LENGTH,
  SHORTENED_HASH_LENGTH,
  fitTag,
  secretBearingReason,
  shortHash,
} from '@ecs-deploy/image-ref';
import type { GitContext } from './git-context.js';

/** A value a `{placeholder}` stands for, or why it has none in this run. */
export interface Placeholder {
  readonly value?: string;
  /** Why there is no value, e.g. "this run is not for a pull request". */
  readonly missing?: string;
  /** Derived from the commit sha: hex can hold 12 digits in a row by chance, so it is not checked. */
  readonly fromSha?: boolean;
}

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** The placeholders of the tag vocabulary for one run. */
export function placeholders(
  context: GitContext,
  sha: string,
  shortSha: string,
  environment: string | undefined,
): ReadonlyMap<string, Placeholder> {
  const version = context.refTag === undefined ? undefined : SEMVER.exec(context.refTag);
  const notVersion =
    context.refTag === undefined
      ? 'this run is not for a tag ref'
      : `the tag "${context.refTag}" is not a version like v1.2.3`;
  const env: Placeholder =
    environment === undefined
      ? { missing: "the 'environment' input is empty" }
      : { value: environment };
  const part = (index: number): Placeholder =>
    version === null || version === undefined
      ? { missing: notVersion }
      : { value: version[index] ?? '' };
  return new Map<string, Placeholder>([
    ['env', env],
    ['environment', env],
    ['sha', { value: sha, fromSha: true }],
    ['short-sha', { value: shortSha, fromSha: true }],
    [
      'branch',
      context.branch === undefined
        ? { missing: 'this run is not for a branch' }
        : { value: context.branch },
    ],
    [
      'pr',
      context.pullRequest === undefined
        ? { missing: `this run is not for a pull request (event "${context.eventName}")` }
        : { value: String(context.pullRequest) },
    ],
    [
      'run',
      context.runNumber === undefined
        ? { missing: 'GITHUB_RUN_NUMBER is not set' }
        : { value: context.runNumber },
    ],
    [
      'run-attempt',
      context.runAttempt === undefined
        ? { missing: 'GITHUB_RUN_ATTEMPT is not set' }
        : { value: context.runAttempt },
    ],
    ['date', { value: context.date.toISOString().slice(0, 10).replace(/-/g, '') }],
    [
      'version',
      version === null || version === undefined
        ? { missing: notVersion }
        : { value: version[0].replace(/^v/, '') },
    ],
    ['major', part(1)],
    ['minor', part(2)],
    ['patch', part(3)],
    [
      'prerelease',
      version?.[4] === undefined
        ? { missing: version ? 'the version has no pre-release part' : notVersion }
        : { value: version[4] },
    ],
  ]);
}

/** Where a template came from, for error messages: the input and, for lists, the line. */
export interface TemplateSource {
  readonly input: string;
  readonly line?: number;
}

function where(source: TemplateSource, template: string): string {
  return `${source.line === undefined ? '' : `line ${source.line} `}("${template}")`;
}

/** A placeholder's value that had to be shortened so the tag fits. */
export interface Shortening {
  /** The placeholder, e.g. `branch`. */
  readonly placeholder: string;
  /** Its sanitised value in full. */
  readonly from: string;
  /** What it became: a head of the value, `-`, and a hash of the whole value. */
  readonly to: string;
}

/** A placeholder's value with no letter or digit, replaced by a hash of it. */
export interface Hashing {
  readonly placeholder: string;
  /** The value as given. */
  readonly from: string;
  /** The hash that stands for it. */
  readonly to: string;
}

/** A rendered tag, and what rendering had to change. */
export interface RenderedTag {
  readonly tag: string;
  /** True when characters outside the tag grammar were replaced or dropped. */
  readonly changedBySanitising: boolean;
  /** Placeholder values shortened to fit the 128-character limit (the commit never is). */
  readonly shortened: readonly Shortening[];
  /** Placeholder values with no letter or digit, replaced by a hash of them. */
  readonly hashed: readonly Hashing[];
  /** True when the template holds the commit (`{sha}` or `{short-sha}`). */
  readonly hasCommit: boolean;
}

interface Piece {
  readonly text: string;
  /** The placeholder it came from; undefined for literal text. */
  readonly name?: string;
  /** Checked for account ids and registry hosts (everything not derived from the commit sha). */
  readonly checked: boolean;
}

/**
 * Renders one template into a valid tag, refusing anything that must not cross a job boundary.
 * A tag over 128 characters is fitted by shortening placeholder values other than the commit
 * (see `fitTag`); literal text and the commit are never cut, and when they alone are too long the
 * template is refused.
 */
export function renderTag(
  source: TemplateSource,
  template: string,
  values: ReadonlyMap<string, Placeholder>,
): RenderedTag {
  const pieces: Piece[] = [];
  let rest = template;
  while (rest !== '') {
    const open = rest.search(/[{}]/);
    if (open < 0) {
      pieces.push({ text: rest, checked: true });
      break;
    }
    pieces.push({ text: rest.slice(0, open), checked: true });
    const close = rest.indexOf('}', open);
    if (rest[open] === '}' || close < 0) {
      throw new InputError(
        source.input,
        `${where(source, template)} has an unmatched brace`,
        'placeholders written as {name}',
      );
    }
    const name = rest.slice(open + 1, close);
    const placeholder = values.get(name);
    if (placeholder === undefined) {
      const known = [...values.keys()].map((key) => `{${key}}`).join(', ');
      throw new InputError(
        source.input,
        `${where(source, template)} uses the unknown placeholder {${name}}`,
        `one of ${known}`,
      );
    }
    if (placeholder.value === undefined) {
      throw new InputError(
        source.input,
        `${where(source, template)} uses {${name}}, but ${placeholder.missing ?? 'it has no value'}`,
      );
    }
    pieces.push({ text: placeholder.value, name, checked: placeholder.fromSha !== true });
    rest = rest.slice(close + 1);
  }
  for (const piece of pieces) {
    const reason = piece.checked ? secretBearingReason(piece.text) : undefined;
    if (reason !== undefined)
      throw secretBearingError(`Input '${source.input}' ${where(source, template)}`, reason);
  }
  const raw = pieces.map((piece) => piece.text).join('');
  // A value with no letter or digit (e.g. "日本") would vanish in sanitising, and every such value
  // would give the same tag: it is replaced by a hash of itself instead.
  const hashed: Hashing[] = [];
  const parts = pieces.map((piece) => {
    const shortenable = piece.name !== undefined && piece.checked;
    if (!shortenable || piece.text === '' || /[A-Za-z0-9]/.test(piece.text))
      return { text: piece.text, shortenable };
    const to = shortHash(piece.text);
    hashed.push({ placeholder: piece.name ?? '', from: piece.text, to });
    return { text: to, shortenable };
  });
  const fitted = fitTag(parts);
  if (fitted === undefined) {
    const fixed = pieces.filter((piece) => piece.name === undefined || !piece.checked);
    throw new InputError(
      source.input,
      `${where(source, template)} gives a tag of ${raw.length} characters, more than the ${MAX_TAG_LENGTH} a tag may have, and cannot be shortened: its literal text and commit (${fixed.map((piece) => piece.text).join('').length} characters) are never cut, so that two commits cannot get the same tag, and they leave too little room for the other placeholders (${SHORTENED_HASH_LENGTH} characters each at the least, a hash of the value)`,
      `a template whose literal text and {sha}/{short-sha} fit in ${MAX_TAG_LENGTH} characters`,
    );
  }
  if (fitted.tag === '') {
    throw new InputError(
      source.input,
      `${where(source, template)} gives "${raw}", which has no character allowed in a tag`,
      'a template whose result contains letters, digits, _ . or -',
    );
  }
  const shortened = fitted.shortened.map(({ index, from, to }) => ({
    placeholder: pieces[index]?.name ?? '',
    from,
    to,
  }));
  return {
    tag: fitted.tag,
    changedBySanitising: shortened.length === 0 && hashed.length === 0 && fitted.tag !== raw,
    shortened,
    hashed,
    hasCommit: pieces.some((piece) => piece.name !== undefined && !piece.checked),
  };
}

/** The error for a value that would be dropped between jobs; it explains why and what to do. */
export function secretBearingError(subject: string, reason: string): ActionError {
  return new ActionError(
    `${subject} contains ${reason}, and it would go into this job's outputs. The runner drops every job output that contains a masked value ("Skip output '…' since it may contain secret."), and account ids and registry hosts are often stored as secrets — so later jobs would receive an empty tag, and ECS would answer "Container.image should not be null or empty".`,
    'Pass only tags and digests between jobs. Let the deploying job derive the registry host itself (render-task-def does, from STS or its `registry` input), and keep the account id in `vars`, not `secrets`.',
  );
}
