import { ActionError } from '@ecs-deploy/action-kit';
import type { EcrApi } from '@ecs-deploy/aws';

/** Every manifest type a registry may hold; BatchGetImage returns nothing it was not asked for. */
export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

/** What each tag points at now in the repository (absent tags are left out). */
export async function tagDigests(
  ecr: EcrApi,
  repositoryName: string,
  registryId: string,
  tags: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (tags.length === 0) return found;
  const answer = await ecr.batchGetImage({
    registryId,
    repositoryName,
    imageIds: tags.map((imageTag) => ({ imageTag })),
    acceptedMediaTypes: MANIFEST_TYPES,
  });
  for (const image of answer.images ?? []) {
    const { imageTag, imageDigest } = image.imageId ?? {};
    if (imageTag !== undefined && imageDigest !== undefined) found.set(imageTag, imageDigest);
  }
  return found;
}

/** Which tags still need to be put on `digest`. */
export interface TagPlan {
  /** Tags to put (absent, or on another digest in a mutable repository: they move). */
  readonly put: readonly string[];
  /** Tags already on the digest: a re-run converges on them. */
  readonly already: readonly string[];
  /** Tags that move from another digest (mutable repositories only). */
  readonly moved: readonly { tag: string; from: string }[];
}

/**
 * Plans tagging `digest` (pure). In an IMMUTABLE repository a tag on another digest cannot move:
 * that is an error naming both digests, raised before anything is pushed.
 */
export function planTags(
  tags: readonly string[],
  current: ReadonlyMap<string, string>,
  digest: string,
  immutable: boolean,
  repository: string,
): TagPlan {
  const put: string[] = [];
  const already: string[] = [];
  const moved: { tag: string; from: string }[] = [];
  const conflicts: string[] = [];
  for (const tag of tags) {
    const existing = current.get(tag);
    if (existing === undefined) put.push(tag);
    else if (existing === digest) already.push(tag);
    else if (immutable) conflicts.push(`'${tag}' is on ${existing}`);
    else {
      put.push(tag);
      moved.push({ tag, from: existing });
    }
  }
  if (conflicts.length > 0) {
    throw new ActionError(
      `Repository '${repository}' is IMMUTABLE and cannot move tags to ${digest}: ${conflicts.join('; ')}.`,
      'Tags like {environment}-{sha} are unique per commit; a clash means another image was pushed for the same commit and environment. Use a new tag, or push to a MUTABLE repository.',
    );
  }
  return { put, already, moved };
}
