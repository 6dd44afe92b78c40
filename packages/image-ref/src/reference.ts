import { DIGEST_PATTERN } from './digest.js';
import { TAG_PATTERN } from './tag.js';

/** An image reference split into its parts, e.g. `host:5000/team/app:1.2@sha256:…`. */
export interface ImageReference {
  /** Registry host (with port), absent for Docker Hub short names like `nginx`. */
  readonly registry?: string;
  /** Repository path without the registry, e.g. `team/app`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** Parses an image reference; throws an Error whose message says what is wrong. */
export function parseImageReference(input: string): ImageReference {
  const value = input.trim();
  if (value === '') throw new Error('the image reference is empty');
  if (/\s/.test(value)) throw new Error(`"${value}" contains white space`);
  let rest = value;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_PATTERN.test(digest)) {
      throw new Error(`"${digest}" after @ is not a sha256 digest (sha256:<64 hex characters>)`);
    }
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_PATTERN.test(tag)) throw new Error(`"${tag}" is not a valid tag`);
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    parts.shift();
  }
  const repository = parts.join('/');
  if (repository === '') throw new Error(`"${value}" has no repository name`);
  for (const component of parts) {
    if (!COMPONENT.test(component)) {
      throw new Error(
        `"${component}" in "${value}" is not a valid repository path component (lower-case letters, digits and single separators . _ -)`,
      );
    }
  }
  return { registry, repository, tag, digest };
}

/** Formats a reference back to text; a digest wins over a tag when both are meant to pin. */
export function formatImageReference(ref: ImageReference): string {
  const name = ref.registry === undefined ? ref.repository : `${ref.registry}/${ref.repository}`;
  return `${name}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
}
