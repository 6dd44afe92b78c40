import { gzipSync } from 'node:zlib';
import { digestOf } from '../registry/memory.js';
import type { RegistryBackend } from '../registry/backend.js';
import { httpRequest } from '../util/http.js';

/** A registry that can store blobs directly (the in-memory one). */
interface BlobWriter {
  putBlob(repository: string, bytes: Buffer): Promise<string>;
}

function hasPutBlob(r: RegistryBackend): r is RegistryBackend & BlobWriter {
  return typeof (r as Partial<BlobWriter>).putBlob === 'function';
}

/** Uploads a blob with the distribution API (monolithic upload), for HTTP-backed registries. */
async function uploadBlob(
  registry: RegistryBackend,
  repository: string,
  bytes: Buffer,
): Promise<string> {
  const digest = digestOf(bytes);
  const base = new URL(`http://${registry.host}`);
  const auth = {
    authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`,
  };
  const start = await httpRequest('POST', new URL(`/v2/${repository}/blobs/uploads/`, base), {
    ...auth,
    'content-length': '0',
  });
  const location = start.headers.location;
  if (start.status !== 202 || typeof location !== 'string') {
    throw new Error(`blob upload to ${registry.host}/${repository} refused: HTTP ${start.status}`);
  }
  const target = new URL(location, base);
  target.searchParams.set('digest', digest);
  const put = await httpRequest(
    'PUT',
    target,
    {
      ...auth,
      'content-type': 'application/octet-stream',
      'content-length': String(bytes.length),
    },
    bytes,
  );
  if (put.status !== 201)
    throw new Error(`blob upload to ${registry.host}/${repository} failed: HTTP ${put.status}`);
  return digest;
}

/** What to put in a synthetic image. */
export interface SyntheticImage {
  repository: string;
  tag?: string;
  labels?: Record<string, string>;
}

/**
 * Pushes a tiny but well-formed Docker image (an empty gzipped layer and a config carrying the
 * labels) and returns its manifest digest. Different tags or labels give different digests.
 */
export async function pushSyntheticImage(
  registry: RegistryBackend,
  image: SyntheticImage,
): Promise<string> {
  const tar = Buffer.alloc(1024);
  const layer = gzipSync(tar);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {
        Labels: { 'sim.image': `${image.repository}:${image.tag ?? 'untagged'}`, ...image.labels },
      },
      rootfs: { type: 'layers', diff_ids: [digestOf(tar)] },
    }),
  );
  const put = (bytes: Buffer): Promise<string> =>
    hasPutBlob(registry)
      ? registry.putBlob(image.repository, bytes)
      : uploadBlob(registry, image.repository, bytes);
  const configDigest = await put(config);
  const layerDigest = await put(layer);
  const mediaType = 'application/vnd.docker.distribution.manifest.v2+json';
  // Docker pretty-prints manifests with three spaces; ECR hands those bytes back verbatim.
  const manifest = JSON.stringify(
    {
      schemaVersion: 2,
      mediaType,
      config: {
        mediaType: 'application/vnd.docker.container.image.v1+json',
        size: config.length,
        digest: configDigest,
      },
      layers: [
        {
          mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
          size: layer.length,
          digest: layerDigest,
        },
      ],
    },
    null,
    3,
  );
  const body = Buffer.from(manifest);
  return registry.putManifest(image.repository, image.tag ?? digestOf(body), body, mediaType);
}
