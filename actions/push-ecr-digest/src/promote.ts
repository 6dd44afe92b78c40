import { ActionError } from '@ecs-deploy/action-kit';
import { AwsError, type EcrApi } from '@ecs-deploy/aws';
import type { ImageOrigin } from './inputs.js';
import { MANIFEST_TYPES } from './tags.js';

/** An image already in the repository: its exact manifest bytes, type and digest. */
export interface StoredImage {
  readonly digest: string;
  readonly manifest: string;
  readonly mediaType: string;
}

/** Looks up the image a promotion starts from; a missing one says which reference was missing. */
export async function findSource(
  ecr: EcrApi,
  repositoryName: string,
  registryId: string,
  origin: Extract<ImageOrigin, { kind: 'source-tag' | 'source-digest' }>,
): Promise<StoredImage> {
  const imageId =
    origin.kind === 'source-tag' ? { imageTag: origin.tag } : { imageDigest: origin.digest };
  const answer = await ecr.batchGetImage({
    registryId,
    repositoryName,
    imageIds: [imageId],
    acceptedMediaTypes: MANIFEST_TYPES,
  });
  const image = answer.images?.[0];
  if (image?.imageManifest === undefined || image.imageId?.imageDigest === undefined) {
    const value = origin.kind === 'source-tag' ? origin.tag : origin.digest;
    throw new ActionError(
      `Input '${origin.kind}' is '${value}': no such image in ECR repository '${repositoryName}' (${answer.failures?.[0]?.failureReason ?? 'not found'}).`,
      'Promotion adds tags to an image that is already in this repository; push it first (or check the tag the earlier job produced).',
    );
  }
  return {
    digest: image.imageId.imageDigest,
    manifest: image.imageManifest,
    mediaType: image.imageManifestMediaType ?? '',
  };
}

/** Puts tags on a stored image with PutImage (no pull, no blob traffic); re-runs converge. */
export async function putTags(
  ecr: EcrApi,
  repositoryName: string,
  registryId: string,
  image: StoredImage,
  tags: readonly string[],
): Promise<void> {
  for (const imageTag of tags) {
    try {
      await ecr.putImage({
        registryId,
        repositoryName,
        imageManifest: image.manifest,
        imageManifestMediaType: image.mediaType === '' ? undefined : image.mediaType,
        imageTag,
        imageDigest: image.digest,
      });
    } catch (error) {
      // Already there on this digest: what a re-run of the same promotion finds.
      if (error instanceof AwsError && error.code === 'ImageAlreadyExistsException') continue;
      throw error;
    }
  }
}
