import { createHash } from 'node:crypto';
import { AwsError } from '../errors.js';
import { RegistryError } from '../registry/backend.js';
import type { SimContext } from '../state/context.js';
import type { Json, JsonObject } from '../util/json.js';
import { compact, isObject, optString, reqString } from '../util/json.js';
import { ecrErrors } from './errors.js';
import { requireRepository } from './repositories-api.js';

/** PutImage: retag by manifest, with ECR's already-exists and immutability checks (docs/aws-behaviour.md#putimage). */
export async function putImage(input: JsonObject, ctx: SimContext): Promise<Json> {
  const repo = requireRepository(ctx, input);
  const text = reqString(input, 'imageManifest');
  const tag = optString(input, 'imageTag');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw ecrErrors.invalidManifest();
  }
  const declared =
    isObject(parsed) && typeof parsed.mediaType === 'string' ? parsed.mediaType : undefined;
  const mediaType = optString(input, 'imageManifestMediaType') ?? declared;
  if (mediaType === undefined) throw ecrErrors.invalidManifest();
  const body = Buffer.from(text, 'utf8');
  const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
  const given = optString(input, 'imageDigest');
  if (given !== undefined && given !== digest) throw ecrErrors.digestMismatch();
  if (tag !== undefined) {
    const current = await ctx.registry.getManifest(repo.name, tag);
    if (current && !repo.deletedDigests.has(current.digest)) {
      if (current.digest === digest)
        throw ecrErrors.imageAlreadyExists(digest, tag, repo.name, repo.registryId);
      if (repo.imageTagMutability === 'IMMUTABLE') throw ecrErrors.tagImmutable(tag, repo.name);
    }
  } else {
    const existing = await ctx.registry.getManifest(repo.name, digest);
    if (existing && !repo.deletedDigests.has(digest)) {
      throw ecrErrors.imageAlreadyExists(digest, undefined, repo.name, repo.registryId);
    }
  }
  try {
    await ctx.registry.putManifest(repo.name, tag ?? digest, body, mediaType);
  } catch (e) {
    throw registryToEcr(e);
  }
  repo.deletedDigests.delete(digest);
  return {
    image: {
      registryId: repo.registryId,
      repositoryName: repo.name,
      imageId: compact({ imageDigest: digest, imageTag: tag }),
      imageManifest: text,
      imageManifestMediaType: mediaType,
    },
  };
}

function registryToEcr(e: unknown): AwsError {
  if (!(e instanceof RegistryError))
    return new AwsError('ServerException', 'The registry failed to store the image.', 500);
  switch (e.code) {
    case 'MANIFEST_BLOB_UNKNOWN':
    case 'BLOB_UNKNOWN':
      return new AwsError(
        'LayersNotFoundException',
        'The image contains layers that were not found in the repository.',
      );
    case 'MANIFEST_UNKNOWN':
      return new AwsError(
        'ReferencedImagesNotFoundException',
        'The manifest list references images that do not exist.',
      );
    case 'DIGEST_INVALID':
      return ecrErrors.digestMismatch();
    case 'TAG_INVALID':
    case 'DENIED':
      return new AwsError('ImageTagAlreadyExistsException', e.message);
    default:
      return new AwsError('InvalidParameterException', e.message);
  }
}
