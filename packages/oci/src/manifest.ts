import { isDigest, type Digest } from './digest.js';
import { ManifestFormatError } from './errors.js';
import { isIndexMediaType } from './media-types.js';

/** A content descriptor: what a manifest or index says about a blob or child manifest. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: Digest;
  readonly size: number;
  readonly platform?: Platform;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The platform an index entry is built for. */
export interface Platform {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
}

/** What a manifest points at: blobs (config + layers) for an image, manifests for an index. */
export interface ManifestReferences {
  readonly kind: 'image' | 'index';
  readonly blobs: readonly Descriptor[];
  readonly manifests: readonly Descriptor[];
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestFormatError(`${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Parses and checks one descriptor object. */
export function parseDescriptor(value: unknown, where: string): Descriptor {
  const obj = asObject(value, where);
  const { mediaType, digest, size } = obj;
  if (typeof mediaType !== 'string' || mediaType === '') {
    throw new ManifestFormatError(`${where}: mediaType is missing`);
  }
  if (typeof digest !== 'string' || !isDigest(digest)) {
    throw new ManifestFormatError(`${where}: digest '${String(digest)}' is not sha256:<hex>`);
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new ManifestFormatError(`${where}: size '${String(size)}' is not a byte count`);
  }
  const out: { -readonly [K in keyof Descriptor]: Descriptor[K] } = { mediaType, digest, size };
  if (obj.platform !== undefined) out.platform = obj.platform as Platform;
  if (obj.annotations !== undefined) out.annotations = obj.annotations as Record<string, string>;
  return out;
}

/** Parses manifest bytes of the given media type into the descriptors it references. */
export function manifestReferences(body: Buffer | string, mediaType: string): ManifestReferences {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    throw new ManifestFormatError('manifest is not valid JSON');
  }
  const doc = asObject(parsed, 'manifest');
  if (doc.schemaVersion !== 2) {
    throw new ManifestFormatError(`unsupported schemaVersion ${String(doc.schemaVersion)}`);
  }
  if (isIndexMediaType(mediaType)) {
    if (!Array.isArray(doc.manifests)) throw new ManifestFormatError('index has no manifests');
    const manifests = doc.manifests.map((m, i) => parseDescriptor(m, `manifests[${i}]`));
    return { kind: 'index', blobs: [], manifests };
  }
  const config = parseDescriptor(doc.config, 'config');
  const layers = Array.isArray(doc.layers)
    ? doc.layers.map((l, i) => parseDescriptor(l, `layers[${i}]`))
    : [];
  return { kind: 'image', blobs: [config, ...layers], manifests: [] };
}
