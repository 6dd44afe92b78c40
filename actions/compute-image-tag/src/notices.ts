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

/** Says which placeholder values had no character a tag allows, and what stands for them. */
export function hashedNotice(
  source: TemplateSource,
  template: string,
  rendered: RenderedTag,
): string {
  const line = source.line === undefined ? '' : ` line ${source.line}`;
  const parts = rendered.hashed
    .map(({ placeholder, from, to }) => `{${placeholder}} ("${from}") by "${to}"`)
    .join(', ');
  return `Input '${source.input}'${line} ("${template}"): replaced ${parts}, a hash of the value: it has no letter or digit, so sanitising would leave nothing of it and every such value would give the same tag. The tag is "${rendered.tag}".`;
}
