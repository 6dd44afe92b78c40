import type { BlobOutcome, BlobProgress } from './client/blob-upload.js';
import { uploadBlob } from './client/blob-upload.js';
import type { RegistryClient } from './client/registry-client.js';
import { isTag } from './client/url.js';
import type { Digest } from './digest.js';
import { mapLimit } from './limit.js';
import { manifestReferences, type Descriptor } from './manifest.js';
import { detectManifestMediaType, isManifestMediaType } from './media-types.js';
import type { ImageSource } from './source/types.js';

/** What to push where. */
export interface PushOptions {
  readonly repository: string;
  /** Tags to point at the pushed image; the image is always reachable by digest too. */
  readonly tags?: readonly string[];
  /** Blob uploads in flight at once; default 3. */
  readonly concurrency?: number;
  /** Try cross-repository mounts from this repository before uploading. */
  readonly mountFrom?: string;
  readonly onProgress?: (progress: BlobProgress) => void;
}

/** The pushed image: the root's digest is what deployments should pin. */
export interface PushResult {
  readonly digest: Digest;
  readonly mediaType: string;
  readonly size: number;
  readonly tags: readonly string[];
  /** Blob digests by how they got there. */
  readonly blobs: Readonly<Record<BlobOutcome, readonly Digest[]>>;
  /** Manifests (children, then root) that were already present and not re-sent. */
  readonly manifestsPresent: readonly Digest[];
}

/**
 * Pushes an image: blobs first (skipping those present), then each child manifest by digest,
 * then the root by digest and by every tag. An index is pushed after all its children, since
 * registries reject an index whose children are missing.
 */
export async function pushImage(
  client: RegistryClient,
  source: ImageSource,
  options: PushOptions,
): Promise<PushResult> {
  const tags = options.tags ?? [];
  for (const tag of tags) if (!isTag(tag)) throw new TypeError(`invalid tag '${tag}'`);
  const { repository } = options;
  const blobTasks = new Map<Digest, Promise<BlobOutcome>>();
  const blobs: Record<BlobOutcome, Digest[]> = { exists: [], mounted: [], uploaded: [] };
  const manifestsPresent: Digest[] = [];

  const pushBlob = (d: Descriptor): Promise<BlobOutcome> => {
    let task = blobTasks.get(d.digest);
    if (task === undefined) {
      task = (async () => {
        const blob = await source.openBlob(d);
        const outcome = await uploadBlob(client, repository, d.digest, blob, {
          ...(options.mountFrom === undefined ? {} : { mountFrom: options.mountFrom }),
          ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        });
        blobs[outcome].push(d.digest);
        return outcome;
      })();
      blobTasks.set(d.digest, task);
    }
    return task;
  };

  const pushManifest = async (d: Descriptor, bytes: Buffer): Promise<void> => {
    if ((await client.headManifest(repository, d.digest)) !== undefined) {
      manifestsPresent.push(d.digest);
      return;
    }
    const mediaType = mediaTypeOf(d, bytes);
    const refs = manifestReferences(bytes, mediaType);
    for (const child of refs.manifests) {
      if (!isManifestMediaType(child.mediaType)) continue; // e.g. foreign artifacts
      await pushManifest(child, await source.readDocument(child));
    }
    await mapLimit(refs.blobs, options.concurrency ?? 3, pushBlob);
    await client.putManifest(repository, d.digest, bytes, mediaType);
  };

  const rootBytes = await source.readDocument(source.root);
  const mediaType = mediaTypeOf(source.root, rootBytes);
  await pushManifest(source.root, rootBytes);
  for (const tag of tags) await client.putManifest(repository, tag, rootBytes, mediaType);
  return {
    digest: source.root.digest,
    mediaType,
    size: rootBytes.length,
    tags,
    blobs,
    manifestsPresent,
  };
}

function mediaTypeOf(d: Descriptor, bytes: Buffer): string {
  return isManifestMediaType(d.mediaType)
    ? d.mediaType
    : (detectManifestMediaType(bytes) ?? d.mediaType);
}
