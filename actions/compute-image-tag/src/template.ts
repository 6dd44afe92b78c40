import { ActionError, InputError } from '@ecs-deploy/action-kit';
import { sanitizeTag, secretBearingReason } from '@ecs-deploy/image-ref';
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

/** Renders one template into a valid tag, refusing anything that must not cross a job boundary. */
export function renderTag(
  source: TemplateSource,
  template: string,
  values: ReadonlyMap<string, Placeholder>,
): { tag: string; changedBySanitising: boolean } {
  const pieces: { text: string; checked: boolean }[] = [];
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
    pieces.push({ text: placeholder.value, checked: placeholder.fromSha !== true });
    rest = rest.slice(close + 1);
  }
  for (const piece of pieces) {
    const reason = piece.checked ? secretBearingReason(piece.text) : undefined;
    if (reason !== undefined)
      throw secretBearingError(`Input '${source.input}' ${where(source, template)}`, reason);
  }
  const raw = pieces.map((piece) => piece.text).join('');
  const tag = sanitizeTag(raw);
  if (tag === '') {
    throw new InputError(
      source.input,
      `${where(source, template)} gives "${raw}", which has no character allowed in a tag`,
      'a template whose result contains letters, digits, _ . or -',
    );
  }
  return { tag, changedBySanitising: tag !== raw };
}

/** The error for a value that would be dropped between jobs; it explains why and what to do. */
export function secretBearingError(subject: string, reason: string): ActionError {
  return new ActionError(
    `${subject} contains ${reason}, and it would go into this job's outputs. The runner drops every job output that contains a masked value ("Skip output '…' since it may contain secret."), and account ids and registry hosts are often stored as secrets — so later jobs would receive an empty tag, and ECS would answer "Container.image should not be null or empty".`,
    'Pass only tags and digests between jobs. Let the deploying job derive the registry host itself (render-task-def does, from STS or its `registry` input), and keep the account id in `vars`, not `secrets`.',
  );
}
