import { secretBearingReason } from '@ecs-deploy/image-ref';
import type { GitContext } from './git-context.js';
import { validateSha } from './git-context.js';
import { placeholders, renderTag, secretBearingError } from './template.js';
import { hashedNotice, noCommitNotice, shortenedNotice } from './notices.js';

/** The action's inputs, parsed. */
export interface TagInputs {
  /** Deployment environment; selects the `{environment}-{sha}` default. */
  readonly environment?: string;
  /** Commit to tag; the event's commit when absent. */
  readonly sha?: string;
  /** Template of the main tag; the default depends on `environment`. */
  readonly format?: string;
  /** Templates of further tags. */
  readonly extraTags: readonly string[];
  /** Characters in `{short-sha}`. */
  readonly shortShaLength: number;
}

/** The computed tags: every value here is safe to pass between jobs. */
export interface TagResult {
  readonly tag: string;
  readonly tags: readonly string[];
  readonly sha: string;
  readonly shortSha: string;
  readonly environment: string;
  /** Templates whose result had to be sanitised, with what came out (for the log). */
  readonly sanitised: readonly { template: string; tag: string }[];
  /** What the user should know about the tags: values shortened, a main tag without the commit. */
  readonly notices: readonly string[];
}

/** Computes the tags for one run (pure). */
export function computeTags(inputs: TagInputs, context: GitContext): TagResult {
  const sha =
    inputs.sha === undefined
      ? validateSha(context.sha, 'GITHUB_SHA')
      : validateSha(inputs.sha, 'sha');
  const shortSha = sha.slice(0, inputs.shortShaLength);
  const environment = inputs.environment;
  if (environment !== undefined) {
    const reason = secretBearingReason(environment);
    if (reason !== undefined)
      throw secretBearingError(`Input 'environment' ("${environment}")`, reason);
  }
  const values = placeholders(context, sha, shortSha, environment);
  const format = inputs.format ?? (environment === undefined ? 'sha-{short-sha}' : '{env}-{sha}');
  const sanitised: { template: string; tag: string }[] = [];
  const notices: string[] = [];
  const render = (input: string, template: string, line?: number): string => {
    const rendered = renderTag({ input, line }, template, values);
    if (rendered.changedBySanitising) sanitised.push({ template, tag: rendered.tag });
    if (rendered.hashed.length > 0) notices.push(hashedNotice({ input, line }, template, rendered));
    if (rendered.shortened.length > 0)
      notices.push(shortenedNotice({ input, line }, template, rendered));
    if (!rendered.hasCommit && line === undefined) notices.push(noCommitNotice(template));
    return rendered.tag;
  };
  const main = render(inputs.format === undefined ? 'environment' : 'format', format);
  const extra = inputs.extraTags.map((template, index) =>
    render('extra-tags', template, index + 1),
  );
  return {
    tag: main,
    tags: [...new Set([main, ...extra])],
    sha,
    shortSha,
    environment: environment ?? '',
    sanitised,
    notices,
  };
}
