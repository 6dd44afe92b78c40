import { createHash } from 'node:crypto';
import type { RegistryBackend, RepositoryPolicy, StoredImage, StoredManifest } from './backend.js';
import { RegistryError } from './backend.js';

interface StoredEntry {
  body: Buffer;
  mediaType: string;
  pushedAt: Date;
}

interface Repo {
  manifests: Map<string, StoredEntry>;
  tags: Map<string, string>;
  blobs: Map<string, Buffer>;
}

/** Options for the in-memory registry. */
export interface MemoryRegistryOptions {
  /** When given, pushes follow ECR's rules (repository must exist, immutable tags). */
  policy?: RepositoryPolicy;
  /** What `host` reports; nothing listens there (the memory registry has no HTTP side). */
  host?: string;
  username?: string;
  password?: string;
  now?: () => Date;
}

/** sha256 digest of bytes, as a registry computes it. */
export function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * An in-memory RegistryBackend: for unit tests and for running the simulator without a real
 * registry (images can then be created through the API or `putBlob`, but not pulled by docker).
 */
export class MemoryRegistry implements RegistryBackend {
  readonly host: string;
  readonly username: string;
  readonly password: string;
  private readonly repos = new Map<string, Repo>();
  private readonly now: () => Date;

  constructor(private readonly opts: MemoryRegistryOptions = {}) {
    this.host = opts.host ?? 'registry.sim.invalid:5000';
    this.username = opts.username ?? 'AWS';
    this.password = opts.password ?? 'sim-password';
    this.now = opts.now ?? ((): Date => new Date());
  }

  private repo(name: string, create: boolean): Repo | undefined {
    let r = this.repos.get(name);
    if (!r && create) {
      r = { manifests: new Map(), tags: new Map(), blobs: new Map() };
      this.repos.set(name, r);
    }
    return r;
  }

  /** Stores a blob (layer or config) and returns its digest; not part of RegistryBackend. */
  putBlob(repository: string, bytes: Buffer): Promise<string> {
    if (this.opts.policy && !this.opts.policy.repositoryExists(repository)) {
      return Promise.reject(
        new RegistryError('NAME_UNKNOWN', `repository name not known to registry: ${repository}`),
      );
    }
    const digest = digestOf(bytes);
    this.repo(repository, true)?.blobs.set(digest, bytes);
    return Promise.resolve(digest);
  }

  getManifest(repository: string, reference: string): Promise<StoredManifest | undefined> {
    const r = this.repo(repository, false);
    const digest = reference.startsWith('sha256:') ? reference : r?.tags.get(reference);
    const entry = digest !== undefined ? r?.manifests.get(digest) : undefined;
    return Promise.resolve(
      entry && digest !== undefined
        ? { digest, mediaType: entry.mediaType, body: entry.body }
        : undefined,
    );
  }

  getBlob(repository: string, digest: string): Promise<Buffer | undefined> {
    return Promise.resolve(this.repo(repository, false)?.blobs.get(digest));
  }

  putManifest(
    repository: string,
    reference: string,
    body: Buffer,
    mediaType: string,
  ): Promise<string> {
    try {
      return Promise.resolve(this.store(repository, reference, body, mediaType));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private store(repository: string, reference: string, body: Buffer, mediaType: string): string {
    const policy = this.opts.policy;
    if (policy && !policy.repositoryExists(repository)) {
      throw new RegistryError(
        'NAME_UNKNOWN',
        `repository name not known to registry: ${repository}`,
      );
    }
    const digest = digestOf(body);
    if (reference.startsWith('sha256:') && reference !== digest) {
      throw new RegistryError('DIGEST_INVALID', 'provided digest did not match uploaded content');
    }
    const r = this.repo(repository, true);
    if (!r) throw new RegistryError('UNKNOWN', 'repository could not be created');
    this.checkReferences(r, body);
    const isTag = !reference.startsWith('sha256:');
    const current = isTag ? r.tags.get(reference) : undefined;
    if (isTag && current !== undefined && current !== digest && policy?.tagsImmutable(repository)) {
      throw new RegistryError(
        'TAG_INVALID',
        `The image tag '${reference}' already exists in the '${repository}' repository and cannot be overwritten because the repository is immutable.`,
      );
    }
    if (!r.manifests.has(digest))
      r.manifests.set(digest, { body, mediaType, pushedAt: this.now() });
    if (isTag) r.tags.set(reference, digest);
    return digest;
  }

  private checkReferences(r: Repo, body: Buffer): void {
    let m: unknown;
    try {
      m = JSON.parse(body.toString('utf8'));
    } catch {
      throw new RegistryError('MANIFEST_INVALID', 'manifest invalid');
    }
    if (typeof m !== 'object' || m === null)
      throw new RegistryError('MANIFEST_INVALID', 'manifest invalid');
    const doc = m as {
      config?: { digest?: unknown };
      layers?: { digest?: unknown }[];
      manifests?: { digest?: unknown }[];
    };
    const blobs = [doc.config?.digest, ...(doc.layers ?? []).map((l) => l.digest)].filter(
      (d): d is string => typeof d === 'string',
    );
    for (const d of blobs)
      if (!r.blobs.has(d))
        throw new RegistryError('MANIFEST_BLOB_UNKNOWN', `blob unknown to registry: ${d}`);
    for (const child of doc.manifests ?? []) {
      if (typeof child.digest === 'string' && !r.manifests.has(child.digest)) {
        throw new RegistryError('MANIFEST_UNKNOWN', `manifest unknown: ${child.digest}`);
      }
    }
  }

  listImages(repository: string): Promise<StoredImage[]> {
    const r = this.repo(repository, false);
    if (!r) return Promise.resolve([]);
    const out: StoredImage[] = [];
    for (const [digest, entry] of r.manifests) {
      const tags = [...r.tags].filter(([, d]) => d === digest).map(([t]) => t);
      out.push({
        digest,
        mediaType: entry.mediaType,
        tags,
        sizeBytes: this.size(r, entry.body),
        pushedAt: entry.pushedAt,
      });
    }
    return Promise.resolve(out);
  }

  private size(r: Repo, body: Buffer): number {
    try {
      const m = JSON.parse(body.toString('utf8')) as { layers?: { size?: unknown }[] };
      return (
        body.length +
        (m.layers ?? []).reduce((n, l) => n + (typeof l.size === 'number' ? l.size : 0), 0)
      );
    } catch {
      return body.length;
    }
  }

  deleteTag(repository: string, tag: string): Promise<void> {
    this.repo(repository, false)?.tags.delete(tag);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.repos.clear();
    return Promise.resolve();
  }
}

/** A RegistryBackend factory for the in-memory registry (the simulator's default). */
export function memoryRegistry(
  opts: Omit<MemoryRegistryOptions, 'policy'> = {},
): (policy: RepositoryPolicy) => MemoryRegistry {
  return (policy) => new MemoryRegistry({ ...opts, policy });
}
