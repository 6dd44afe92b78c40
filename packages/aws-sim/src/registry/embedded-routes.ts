import { isDigest, MediaType, sha256Digest } from '@ecs-deploy/oci';
import { DistributionError, manifestUnknown } from './distribution-errors.js';
import type { RegistryStore } from './store.js';

/** A parsed request as the router sees it (body already read). */
export interface RegistryRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

/** What to answer. */
export interface RegistryReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string;
}

const OCI_TYPES = [MediaType.ociManifest, MediaType.ociIndex] as string[];

function uploadReply(status: number, name: string, id: string, size: number): RegistryReply {
  return {
    status,
    headers: {
      location: `/v2/${name}/blobs/uploads/${id}`,
      range: `0-${Math.max(0, size - 1)}`,
      'docker-upload-uuid': id,
    },
  };
}

function blobCreated(name: string, digest: string): RegistryReply {
  return {
    status: 201,
    headers: { location: `/v2/${name}/blobs/${digest}`, 'docker-content-digest': digest },
  };
}

/** `Content-Range: <start>-<end>` (inclusive); undefined when absent. */
function rangeStart(header: string | undefined, length: number): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:bytes[ =])?(\d+)-(\d+)(?:\/\d+|\/\*)?$/.exec(header.trim());
  const start = Number(match?.[1]);
  const end = Number(match?.[2]);
  if (!match || end < start || end - start + 1 !== length) {
    throw new DistributionError('BLOB_UPLOAD_INVALID', 'invalid content range', header, 416);
  }
  return start;
}

function manifests(
  store: RegistryStore,
  req: RegistryRequest,
  name: string,
  ref: string,
): RegistryReply {
  if (req.method === 'PUT') {
    const digest = store.putManifest(name, ref, req.body, req.headers['content-type'] ?? '');
    return {
      status: 201,
      headers: { location: `/v2/${name}/manifests/${digest}`, 'docker-content-digest': digest },
    };
  }
  if (req.method === 'DELETE') {
    store.deleteManifest(name, ref);
    return { status: 202 };
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') throw unsupported();
  const stored = store.manifest(name, ref);
  if (stored === undefined) throw manifestUnknown(ref);
  const accept = req.headers.accept;
  // Mirrors distribution 2.8: a client that lists only Docker types must not get an OCI body.
  if (accept !== undefined && OCI_TYPES.includes(stored.mediaType)) {
    const types = accept.split(',').map((t) => t.split(';')[0]?.trim());
    if (!types.some((t) => t === stored.mediaType || t === '*/*')) {
      throw new DistributionError(
        'MANIFEST_UNKNOWN',
        'OCI manifest found, but accept header does not support OCI manifests',
      );
    }
  }
  return {
    status: 200,
    headers: {
      'content-type': stored.mediaType,
      'docker-content-digest': stored.digest,
      etag: `"${stored.digest}"`,
      'content-length': String(stored.body.length),
    },
    ...(req.method === 'GET' ? { body: stored.body } : {}),
  };
}

function blobs(
  store: RegistryStore,
  req: RegistryRequest,
  name: string,
  rest: string,
): RegistryReply {
  if (rest === 'uploads/' || rest === 'uploads') {
    if (req.method !== 'POST') throw unsupported();
    const mount = req.query.get('mount');
    const from = req.query.get('from');
    if (mount !== null && from !== null && isDigest(mount) && from !== name) {
      store.checkRepository(from);
      if (store.mount(name, mount, from)) return blobCreated(name, mount);
    }
    const id = store.startUpload(name);
    const digest = req.query.get('digest');
    if (digest !== null) {
      store.complete(name, id, digest, req.body);
      return blobCreated(name, digest);
    }
    return uploadReply(202, name, id, 0);
  }
  if (rest.startsWith('uploads/')) {
    const id = rest.slice('uploads/'.length);
    switch (req.method) {
      case 'GET':
        return uploadReply(204, name, id, store.upload(name, id).size);
      case 'PATCH': {
        const start = rangeStart(req.headers['content-range'], req.body.length);
        return uploadReply(202, name, id, store.append(name, id, req.body, start));
      }
      case 'PUT': {
        const digest = req.query.get('digest') ?? '';
        store.complete(name, id, digest, req.body);
        return blobCreated(name, digest);
      }
      case 'DELETE':
        store.cancel(name, id);
        return { status: 204 };
      default:
        throw unsupported();
    }
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') throw unsupported();
  const bytes = isDigest(rest) ? store.blob(name, rest) : undefined;
  if (bytes === undefined)
    throw new DistributionError('BLOB_UNKNOWN', 'blob unknown to registry', rest);
  return {
    status: 200,
    headers: {
      'content-type': 'application/octet-stream',
      'docker-content-digest': sha256Digest(bytes),
      'content-length': String(bytes.length),
    },
    ...(req.method === 'GET' ? { body: bytes } : {}),
  };
}

function unsupported(): DistributionError {
  return new DistributionError('UNSUPPORTED', 'The operation is unsupported.');
}

/** Routes one distribution API request against the store; throws DistributionError. */
export function routeRegistryRequest(store: RegistryStore, req: RegistryRequest): RegistryReply {
  if (req.path === '/v2/' || req.path === '/v2') return { status: 200, body: '{}' };
  if (req.path === '/v2/_catalog') {
    return { status: 200, body: JSON.stringify({ repositories: store.repositories() }) };
  }
  const match = /^\/v2\/(.+?)\/(manifests|blobs|tags)\/(.*)$/.exec(req.path);
  const [, name = '', kind = '', rest = ''] = match ?? [];
  if (match === null)
    throw new DistributionError('NAME_INVALID', 'invalid repository name', undefined, 404);
  store.checkRepository(name);
  if (kind === 'manifests') return manifests(store, req, name, decodeURIComponent(rest));
  if (kind === 'blobs') return blobs(store, req, name, rest);
  if (rest !== 'list' || req.method !== 'GET') throw unsupported();
  return { status: 200, body: JSON.stringify({ name, tags: store.tags(name) }) };
}
