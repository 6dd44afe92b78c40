import { digestHex, sha256Digest } from '../digest.js';
import { DigestMismatchError, ImageSourceError } from '../errors.js';
import { parseDescriptor, type Descriptor } from '../manifest.js';
import { isIndexMediaType, MediaType } from '../media-types.js';
import { readBlob, type BlobSource } from './blob.js';
import type { ImageSource } from './types.js';

/** The files of an OCI layout, wherever they are stored (a directory or a tar). */
export interface LayoutFiles {
  /** A file by path relative to the layout root, or undefined when absent. */
  file(path: string): Promise<BlobSource | undefined>;
  close(): Promise<void>;
}

/** How to pick the image from an index.json that lists several. */
export interface SelectOptions {
  /** Match `org.opencontainers.image.ref.name` (what skopeo's `oci:dir:<ref>` writes). */
  readonly ref?: string;
}

const REF_NAME = 'org.opencontainers.image.ref.name';
const MAX_DOCUMENT = 16 * 1024 * 1024;

/** Chooses the root among index.json's manifests, or uses index.json itself as the index. */
export function selectRoot(
  indexJson: Buffer,
  entries: readonly Descriptor[],
  options: SelectOptions,
): Descriptor {
  if (options.ref !== undefined) {
    const match = entries.filter((d) => d.annotations?.[REF_NAME] === options.ref);
    if (match.length !== 1 || match[0] === undefined) {
      throw new ImageSourceError(`index.json has ${match.length} images named '${options.ref}'`);
    }
    return match[0];
  }
  if (entries.length === 1 && entries[0] !== undefined) return entries[0];
  if (entries.length > 1 && entries.every((d) => d.platform !== undefined)) {
    // Older buildx writes one entry per platform straight into index.json: push it as the index.
    return {
      mediaType: MediaType.ociIndex,
      digest: sha256Digest(indexJson),
      size: indexJson.length,
    };
  }
  throw new ImageSourceError(
    `index.json lists ${entries.length} images; choose one with the ref option`,
  );
}

/** An ImageSource over OCI layout files: oci-layout, index.json, blobs/sha256/<hex>. */
export async function ociTreeSource(
  files: LayoutFiles,
  options: SelectOptions = {},
): Promise<ImageSource> {
  const marker = await files.file('oci-layout');
  if (marker === undefined) throw new ImageSourceError('not an OCI layout: oci-layout is missing');
  const layout = JSON.parse((await readBlob(marker)).toString('utf8')) as {
    imageLayoutVersion?: unknown;
  };
  if (layout.imageLayoutVersion !== '1.0.0') {
    throw new ImageSourceError(
      `unsupported imageLayoutVersion ${String(layout.imageLayoutVersion)}`,
    );
  }
  const indexFile = await files.file('index.json');
  if (indexFile === undefined)
    throw new ImageSourceError('not an OCI layout: index.json is missing');
  const indexJson = await readBlob(indexFile);
  const index = JSON.parse(indexJson.toString('utf8')) as { manifests?: unknown };
  if (!Array.isArray(index.manifests)) throw new ImageSourceError('index.json has no manifests');
  const entries = index.manifests.map((m, i) => parseDescriptor(m, `index.json manifests[${i}]`));
  const root = selectRoot(indexJson, entries, options);
  const synthetic = root.digest === sha256Digest(indexJson) && isIndexMediaType(root.mediaType);

  const openBlob = async (descriptor: Descriptor): Promise<BlobSource> => {
    if (synthetic && descriptor.digest === root.digest) {
      return { size: indexJson.length, open: (start, end) => indexFile.open(start, end) };
    }
    const blob = await files.file(`blobs/sha256/${digestHex(descriptor.digest)}`);
    if (blob === undefined) {
      throw new ImageSourceError(`blob ${descriptor.digest} is missing from the layout`);
    }
    if (blob.size !== descriptor.size) {
      throw new ImageSourceError(
        `blob ${descriptor.digest} is ${blob.size} bytes, descriptor says ${descriptor.size}`,
      );
    }
    return blob;
  };
  return {
    root,
    openBlob,
    async readDocument(descriptor) {
      if (descriptor.size > MAX_DOCUMENT) {
        throw new ImageSourceError(`document ${descriptor.digest} is too large to be a manifest`);
      }
      const bytes = await readBlob(await openBlob(descriptor));
      const actual = sha256Digest(bytes);
      if (actual !== descriptor.digest) {
        throw new DigestMismatchError(descriptor.digest, actual, 'layout blob');
      }
      return bytes;
    },
    close: () => files.close(),
  };
}
