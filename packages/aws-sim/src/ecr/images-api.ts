import type { StoredImage } from '../registry/backend.js';
import type { SimContext } from '../state/context.js';
import type { Json, JsonObject } from '../util/json.js';
import {
  compact,
  epochSeconds,
  isObject,
  objectArray,
  optObject,
  optString,
} from '../util/json.js';
import { paginate } from '../ecs/tasks-api.js';
import { ecrErrors } from './errors.js';
import type { Repository } from './repositories.js';
import { requireRepository } from './repositories-api.js';

interface ImageId {
  imageDigest?: string;
  imageTag?: string;
}

function imageIds(input: JsonObject): ImageId[] {
  return objectArray(input, 'imageIds').map((id) => {
    const out: ImageId = {};
    const digest = optString(id, 'imageDigest');
    const tag = optString(id, 'imageTag');
    if (digest !== undefined) out.imageDigest = digest;
    if (tag !== undefined) out.imageTag = tag;
    return out;
  });
}

async function visibleImages(ctx: SimContext, repo: Repository): Promise<StoredImage[]> {
  return (await ctx.registry.listImages(repo.name)).filter(
    (i) => !repo.deletedDigests.has(i.digest),
  );
}

/** BatchGetImage: per-image problems are failures; the manifest bytes are returned verbatim. */
export async function batchGetImage(input: JsonObject, ctx: SimContext): Promise<Json> {
  const repo = requireRepository(ctx, input);
  const images: Json[] = [];
  const failures: Json[] = [];
  for (const id of imageIds(input)) {
    const fail = (failureCode: string, failureReason: string): void => {
      failures.push({ imageId: { ...id }, failureCode, failureReason });
    };
    const ref = id.imageDigest ?? id.imageTag;
    if (ref === undefined) {
      fail('MissingDigestAndTag', 'Invalid request parameters: both tag and digest cannot be null');
      continue;
    }
    const m = await ctx.registry.getManifest(repo.name, ref);
    if (!m || repo.deletedDigests.has(m.digest)) {
      fail('ImageNotFound', 'Requested image not found');
      continue;
    }
    if (id.imageDigest !== undefined && id.imageTag !== undefined) {
      const byTag = await ctx.registry.getManifest(repo.name, id.imageTag);
      if (byTag?.digest !== id.imageDigest) {
        fail(
          'ImageTagDoesNotMatchDigest',
          'Invalid request parameters: image tag does not match digest',
        );
        continue;
      }
    }
    images.push({
      registryId: repo.registryId,
      repositoryName: repo.name,
      imageId: compact({ imageDigest: m.digest, imageTag: id.imageTag }),
      imageManifest: m.body.toString('utf8'),
      imageManifestMediaType: m.mediaType,
    });
  }
  return { images, failures };
}

/** BatchDeleteImage: by tag drops the tag; by digest removes the image and all its tags. */
export async function batchDeleteImage(input: JsonObject, ctx: SimContext): Promise<Json> {
  const repo = requireRepository(ctx, input);
  const deleted: Json[] = [];
  const failures: Json[] = [];
  const images = await visibleImages(ctx, repo);
  for (const id of imageIds(input)) {
    const image = id.imageDigest
      ? images.find((i) => i.digest === id.imageDigest)
      : images.find((i) => id.imageTag !== undefined && i.tags.includes(id.imageTag));
    if (!image || (id.imageTag !== undefined && !image.tags.includes(id.imageTag))) {
      failures.push({
        imageId: { ...id },
        failureCode: 'ImageNotFound',
        failureReason: 'Requested image not found',
      });
      continue;
    }
    if (id.imageDigest === undefined && id.imageTag !== undefined) {
      await ctx.registry.deleteTag(repo.name, id.imageTag);
      deleted.push({ imageDigest: image.digest, imageTag: id.imageTag });
      continue;
    }
    for (const tag of image.tags) await ctx.registry.deleteTag(repo.name, tag);
    repo.deletedDigests.add(image.digest);
    if (image.tags.length === 0) deleted.push({ imageDigest: image.digest });
    for (const tag of image.tags) deleted.push({ imageDigest: image.digest, imageTag: tag });
  }
  return { imageIds: deleted, failures };
}

async function artifactType(
  ctx: SimContext,
  repo: string,
  digest: string,
): Promise<string | undefined> {
  const m = await ctx.registry.getManifest(repo, digest);
  if (!m) return undefined;
  try {
    const parsed: unknown = JSON.parse(m.body.toString('utf8'));
    return isObject(parsed) &&
      isObject(parsed.config) &&
      typeof parsed.config.mediaType === 'string'
      ? parsed.config.mediaType
      : undefined;
  } catch {
    return undefined;
  }
}

/** DescribeImages: requested ids that do not exist fail the whole call (unlike BatchGetImage). */
export async function describeImages(input: JsonObject, ctx: SimContext): Promise<Json> {
  const repo = requireRepository(ctx, input);
  let images = await visibleImages(ctx, repo);
  const ids = imageIds(input);
  if (ids.length > 0) {
    images = ids.map((id) => {
      const hit = images.find(
        (i) =>
          (id.imageDigest === undefined || i.digest === id.imageDigest) &&
          (id.imageTag === undefined || i.tags.includes(id.imageTag)),
      );
      if (!hit)
        throw ecrErrors.imageNotFound(id.imageDigest, id.imageTag, repo.name, repo.registryId);
      return hit;
    });
  }
  const tagStatus = optString(optObject(input, 'filter') ?? {}, 'tagStatus') ?? 'ANY';
  images = images.filter(
    (i) => tagStatus === 'ANY' || (tagStatus === 'TAGGED') === i.tags.length > 0,
  );
  images.sort((a, b) => a.pushedAt.getTime() - b.pushedAt.getTime());
  const { page, nextToken } = paginate(images, input, 100);
  const imageDetails: Json[] = [];
  for (const i of page) {
    imageDetails.push(
      compact({
        registryId: repo.registryId,
        repositoryName: repo.name,
        imageDigest: i.digest,
        imageTags: i.tags.length > 0 ? [...i.tags] : undefined,
        imageSizeInBytes: i.sizeBytes,
        imagePushedAt: epochSeconds(i.pushedAt.getTime()),
        imageManifestMediaType: i.mediaType,
        artifactMediaType: await artifactType(ctx, repo.name, i.digest),
      }),
    );
  }
  return { imageDetails, ...(nextToken ? { nextToken } : {}) };
}

/** ListImages: one entry per tag, plus untagged digests. */
export async function listImages(input: JsonObject, ctx: SimContext): Promise<Json> {
  const repo = requireRepository(ctx, input);
  const ids: Json[] = [];
  for (const i of await visibleImages(ctx, repo)) {
    if (i.tags.length === 0) ids.push({ imageDigest: i.digest });
    for (const tag of i.tags) ids.push({ imageDigest: i.digest, imageTag: tag });
  }
  const { page, nextToken } = paginate(ids, input, 100);
  return { imageIds: page, ...(nextToken ? { nextToken } : {}) };
}
