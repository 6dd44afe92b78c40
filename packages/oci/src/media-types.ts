/** Manifest and blob media types of the OCI image spec and Docker's schema 2. */
export const MediaType = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
} as const;

const INDEX_TYPES: ReadonlySet<string> = new Set([
  MediaType.ociIndex,
  MediaType.dockerManifestList,
]);
const MANIFEST_TYPES: ReadonlySet<string> = new Set([
  MediaType.ociManifest,
  MediaType.dockerManifest,
]);

/** True for a multi-platform index (OCI image index or Docker manifest list). */
export function isIndexMediaType(mediaType: string): boolean {
  return INDEX_TYPES.has(mediaType);
}

/** True for a single-platform image manifest (OCI or Docker schema 2). */
export function isImageManifestMediaType(mediaType: string): boolean {
  return MANIFEST_TYPES.has(mediaType);
}

/** True for any media type a registry stores under /manifests rather than /blobs. */
export function isManifestMediaType(mediaType: string): boolean {
  return isIndexMediaType(mediaType) || isImageManifestMediaType(mediaType);
}

/**
 * The Accept header for manifest GET/HEAD. Always sent: distribution 2.8 answers a schema-2
 * manifest requested without Accept by attempting a schema-1 conversion, which fails.
 */
export const MANIFEST_ACCEPT = [
  MediaType.ociIndex,
  MediaType.ociManifest,
  MediaType.dockerManifestList,
  MediaType.dockerManifest,
].join(', ');

/**
 * The media type of manifest bytes: the declared `mediaType` field, else inferred from the
 * shape (an OCI manifest may omit the field; `manifests` means an index, `config` a manifest).
 */
export function detectManifestMediaType(body: Buffer | string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const doc = parsed as Record<string, unknown>;
  if (typeof doc.mediaType === 'string' && doc.mediaType !== '') return doc.mediaType;
  if (Array.isArray(doc.manifests)) return MediaType.ociIndex;
  if (typeof doc.config === 'object' && doc.config !== null) return MediaType.ociManifest;
  return undefined;
}
