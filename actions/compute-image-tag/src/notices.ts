import { MAX_TAG_LENGTH, SHORTENED_HASH_LENGTH } from '@ecs-deploy/image-ref';
import type { RenderedTag, TemplateSource } from './template.js';

/** Says which placeholder values were shortened to fit the tag limit, and why. */
export function shortenedNotice(
  source: TemplateSource,
  template: string,
  rendered: RenderedTag,
): string {
  const line = source.line === undefined ? '' : ` line ${source.line}`;
  const parts = rendered.shortened
    .map(({ placeholder, from, to }) => `{${placeholder}} (${from.length} characters) to "${to}"`)
    .join(', ');
  return `Input '${source.input}'${line} ("${template}"): shortened ${parts}, so that the tag "${rendered.tag}" fits the ${MAX_TAG_LENGTH} characters a tag may have. The commit is never cut; the last ${SHORTENED_HASH_LENGTH} letters are a hash of the full value, so the same inputs give the same tag and different values different tags.`;
}

/** Says that the main tag, as the user wrote it, does not name one commit. */
export function noCommitNotice(template: string): string {
  return `Input 'format' ("${template}") has no {sha} or {short-sha}, so the main tag can name more than one commit: a later run for another commit gets the same tag, which an IMMUTABLE repository refuses and a MUTABLE one moves. Add {sha} or {short-sha} unless that is what you want (a moving tag, or a release version).`;
}
