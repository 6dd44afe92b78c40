import { gzipSync } from 'node:zlib';
import { sha256Digest, type Digest } from './digest.js';
import { ImageSourceError } from './errors.js';
import type { Descriptor, Platform } from './manifest.js';
import { MediaType } from './media-types.js';
import { bufferBlob } from './source/blob.js';
import type { ImageSource } from './source/types.js';
import { writeTar, type TarWriteEntry } from './tar/writer.js';

/** A file in a layer: text, bytes, or bytes with a mode (e.g. 0o755 for scripts). */
export type LayerFile = string | Buffer | { readonly data: string | Buffer; readonly mode: number };

/** One platform's image, described in memory. */
export interface ImageSpec {
  /** Each layer maps paths (no leading `/`) to contents; layers are gzip-compressed. */
  readonly layers: readonly Readonly<Record<string, LayerFile>>[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly env?: readonly string[];
  readonly cmd?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly platform?: Platform;
  /** RFC 3339; defaults to the epoch so the same spec always gives the same digest. */
  readonly created?: string;
}

/** A built image: the root descriptor and every blob and manifest it needs, by digest. */
export interface BuiltImage {
  readonly root: Descriptor;
  readonly blobs: ReadonlyMap<Digest, Buffer>;
  /** Per-platform parts, for writers that need uncompressed layers (docker-archive). */
  readonly images: readonly BuiltPlatformImage[];
}

/** One platform's manifest with its config and layers (compressed and not). */
export interface BuiltPlatformImage {
  readonly manifest: Descriptor;
  readonly config: Buffer;
  readonly layerTars: readonly Buffer[];
}

function layerTar(files: Readonly<Record<string, LayerFile>>): Buffer {
  const entries: TarWriteEntry[] = Object.entries(files)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, file]) => {
      if (typeof file === 'string' || Buffer.isBuffer(file))
        return { name, data: Buffer.from(file) };
      return { name, data: Buffer.from(file.data), mode: file.mode };
    });
  return writeTar(entries);
}

function put(blobs: Map<Digest, Buffer>, mediaType: string, bytes: Buffer): Descriptor {
  const digest = sha256Digest(bytes);
  blobs.set(digest, bytes);
  return { mediaType, digest, size: bytes.length };
}

function buildOne(spec: ImageSpec, blobs: Map<Digest, Buffer>): BuiltPlatformImage {
  const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
  const layerTars = spec.layers.map(layerTar);
  // gzip level 9, no file name and mtime 0 in the header: deterministic bytes.
  const layers = layerTars.map((tar) =>
    put(blobs, MediaType.ociLayerGzip, gzipSync(tar, { level: 9 })),
  );
  const runtime: Record<string, unknown> = {};
  if (spec.env) runtime.Env = spec.env;
  if (spec.entrypoint) runtime.Entrypoint = spec.entrypoint;
  if (spec.cmd) runtime.Cmd = spec.cmd;
  if (spec.labels) runtime.Labels = spec.labels;
  const config = Buffer.from(
    JSON.stringify({
      created: spec.created ?? '1970-01-01T00:00:00Z',
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant === undefined ? {} : { variant: platform.variant }),
      config: runtime,
      rootfs: { type: 'layers', diff_ids: layerTars.map((t) => sha256Digest(t)) },
      history: layerTars.map(() => ({ created_by: '@ecs-deploy/oci builder' })),
    }),
  );
  const configDescriptor = put(blobs, MediaType.ociConfig, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: configDescriptor,
      layers,
      ...(spec.labels ? { annotations: spec.labels } : {}),
    }),
  );
  const descriptor = { ...put(blobs, MediaType.ociManifest, manifest), platform };
  return { manifest: descriptor, config, layerTars };
}

/** Builds a single-platform image, or an OCI index when given several specs. */
export function buildImage(specs: ImageSpec | readonly ImageSpec[]): BuiltImage {
  const list = Array.isArray(specs) ? (specs as readonly ImageSpec[]) : [specs as ImageSpec];
  if (list.length === 0) throw new ImageSourceError('an image needs at least one platform');
  const blobs = new Map<Digest, Buffer>();
  const images = list.map((spec) => buildOne(spec, blobs));
  const [first] = images;
  if (!Array.isArray(specs) && first !== undefined) {
    const { mediaType, digest, size } = first.manifest;
    return { root: { mediaType, digest, size }, blobs, images };
  }
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociIndex,
      manifests: images.map((i) => i.manifest),
    }),
  );
  return { root: put(blobs, MediaType.ociIndex, index), blobs, images };
}

/** An ImageSource over a built image, to push without writing files. */
export function builtImageSource(image: BuiltImage): ImageSource {
  const find = (d: Descriptor): Buffer => {
    const bytes = image.blobs.get(d.digest);
    if (bytes === undefined) throw new ImageSourceError(`blob ${d.digest} is not in the image`);
    return bytes;
  };
  return {
    root: image.root,
    readDocument: (d) => Promise.resolve().then(() => find(d)),
    openBlob: (d) => Promise.resolve().then(() => bufferBlob(find(d))),
    close: () => Promise.resolve(),
  };
}
