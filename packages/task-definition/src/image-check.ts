/*
 * The few image-reference checks validation needs. This is a stopgap until
 * @ecs-deploy/image-ref is ready; keep it private to this package and switch over then.
 * Grammar follows the distribution reference format: [host[:port]/]path[:tag][@digest].
 */

/** What validation needs to know about an image reference. */
export type ImageCheck =
  | { readonly kind: 'ok'; readonly hasDigest: boolean }
  | { readonly kind: 'empty' }
  | { readonly kind: 'missing-part'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string };

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::\\d+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST_ALGORITHM = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/;
const MAX_NAME_LENGTH = 255;

/** Classifies an image reference: fine (and whether it is pinned by digest), empty, or broken. */
export function checkImageReference(image: string): ImageCheck {
  if (image.trim() === '') return { kind: 'empty' };
  if (image !== image.trim()) return invalid('it has leading or trailing whitespace');
  if (/\s/.test(image)) return invalid('it contains whitespace');
  const at = image.indexOf('@');
  const namePart = at < 0 ? image : image.slice(0, at);
  if (at >= 0) {
    const problem = digestProblem(image.slice(at + 1));
    if (problem !== undefined) return problem;
  }
  const nameProblem = nameAndTagProblem(namePart);
  return nameProblem ?? { kind: 'ok', hasDigest: at >= 0 };
}

function digestProblem(digest: string): ImageCheck | undefined {
  if (digest === '') return missing('nothing follows "@"; the digest is missing');
  const colon = digest.indexOf(':');
  const algorithm = colon < 0 ? '' : digest.slice(0, colon);
  const hex = colon < 0 ? '' : digest.slice(colon + 1);
  if (colon >= 0 && hex === '')
    return missing(`nothing follows "${algorithm}:"; the digest is missing`);
  if (!DIGEST_ALGORITHM.test(algorithm)) {
    return invalid(
      `digest "${digest}" must be written algorithm:hex, like sha256:<64 hex characters>`,
    );
  }
  if (algorithm === 'sha256' && !/^[a-f0-9]{64}$/.test(hex)) {
    return invalid(
      `a sha256 digest is 64 lowercase hex characters; "${digest}" has ${hex.length} characters or other characters`,
    );
  }
  if (!/^[a-fA-F0-9]{32,}$/.test(hex)) return invalid(`digest "${digest}" is not hex`);
  return undefined;
}

function nameAndTagProblem(reference: string): ImageCheck | undefined {
  if (reference === '') return missing('only a digest is given; the repository is missing');
  const lastSlash = reference.lastIndexOf('/');
  const tagColon = reference.indexOf(':', lastSlash + 1);
  const name = tagColon < 0 ? reference : reference.slice(0, tagColon);
  if (tagColon >= 0) {
    const tag = reference.slice(tagColon + 1);
    if (tag === '') return missing('nothing follows ":"; the tag is missing');
    if (!TAG.test(tag)) {
      return invalid(
        `tag "${tag}" may only hold letters, digits, "_", "." and "-" (at most 128, not starting with "." or "-")`,
      );
    }
  }
  if (name === '') return missing('nothing comes before ":"; the repository is missing');
  if (name.length > MAX_NAME_LENGTH)
    return invalid(`the repository name is longer than ${MAX_NAME_LENGTH} characters`);
  const parts = name.split('/');
  if (parts[0] === '') return missing('it starts with "/"; the registry host is missing');
  if (parts.includes('')) return missing('it has an empty path segment ("//" or a trailing "/")');
  const first = parts[0] ?? '';
  const hasDomain =
    parts.length > 1 && (/[.:]/.test(first) || first === 'localhost' || /[A-Z]/.test(first));
  if (hasDomain && !DOMAIN.test(first)) return invalid(`"${first}" is not a valid registry host`);
  for (const component of hasDomain ? parts.slice(1) : parts) {
    if (/[A-Z]/.test(component))
      return invalid(`repository names must be lowercase ("${component}")`);
    if (!PATH_COMPONENT.test(component)) {
      return invalid(
        `"${component}" is not a valid repository name component (lowercase letters, digits, and ".", "_", "-" between them)`,
      );
    }
  }
  return undefined;
}

function missing(reason: string): ImageCheck {
  return { kind: 'missing-part', reason };
}

function invalid(reason: string): ImageCheck {
  return { kind: 'invalid', reason };
}
