import { randomUUID } from 'node:crypto';
import {
  detectManifestMediaType,
  isDigest,
  isManifestMediaType,
  isTag,
  manifestReferences,
  ManifestFormatError,
  sha256Digest,
} from '@ecs-deploy/oci';
import type { RepositoryPolicy, StoredImage, StoredManifest } from './backend.js';
import {
  DistributionError,
  immutableTag,
  manifestUnknown,
  repositoryNotFound,
} from './distribution-errors.js';
import { imageSize } from './image-size.js';

interface ManifestRecord extends StoredManifest {
  readonly pushedAt: Date;
}

interface Repository {
  readonly blobs: Set<string>;
  readonly manifests: Map<string, ManifestRecord>;
  readonly tags: Map<string, string>;
}

interface Upload {
  readonly repository: string;
  readonly chunks: Buffer[];
  size: number;
}

/** Everything the embedded registry stores, in memory, with ECR's repository rules applied. */
export class RegistryStore {
  private readonly blobs = new Map<string, Buffer>();
  private readonly repos = new Map<string, Repository>();
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly policy: RepositoryPolicy | undefined,
    private readonly registryId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Throws ECR's NAME_UNKNOWN when the policy says the repository does not exist. */
  checkRepository(repository: string): void {
    if (this.policy && !this.policy.repositoryExists(repository)) {
      throw repositoryNotFound(repository, this.registryId);
    }
  }

  private repo(repository: string): Repository {
    let repo = this.repos.get(repository);
    if (repo === undefined) {
      repo = { blobs: new Set(), manifests: new Map(), tags: new Map() };
      this.repos.set(repository, repo);
    }
    return repo;
  }

  /** A blob linked into the repository, or undefined. */
  blob(repository: string, digest: string): Buffer | undefined {
    return this.repos.get(repository)?.blobs.has(digest) ? this.blobs.get(digest) : undefined;
  }

  /** Links a blob held by `from` into `repository`; false when `from` lacks it. */
  mount(repository: string, digest: string, from: string): boolean {
    if (this.blob(from, digest) === undefined) return false;
    this.repo(repository).blobs.add(digest);
    return true;
  }

  /** Opens an upload session and returns its id. */
  startUpload(repository: string): string {
    const id = randomUUID();
    this.uploads.set(id, { repository, chunks: [], size: 0 });
    return id;
  }

  /** The session, or BLOB_UPLOAD_UNKNOWN. */
  upload(repository: string, id: string): Upload {
    const upload = this.uploads.get(id);
    if (upload?.repository !== repository) {
      throw new DistributionError('BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry');
    }
    return upload;
  }

  /** Appends a chunk; a Content-Range must start where the upload stands. */
  append(repository: string, id: string, bytes: Buffer, rangeStart?: number): number {
    const upload = this.upload(repository, id);
    if (rangeStart !== undefined && rangeStart !== upload.size) {
      throw new DistributionError('BLOB_UPLOAD_INVALID', 'blob upload invalid', undefined, 416);
    }
    upload.chunks.push(bytes);
    upload.size += bytes.length;
    return upload.size;
  }

  /** Finishes an upload; the bytes must hash to `digest`. */
  complete(repository: string, id: string, digest: string, last: Buffer): void {
    const upload = this.upload(repository, id);
    if (!isDigest(digest))
      throw new DistributionError('DIGEST_INVALID', 'provided digest is invalid');
    const bytes = Buffer.concat([...upload.chunks, last]);
    if (sha256Digest(bytes) !== digest) {
      throw new DistributionError(
        'DIGEST_INVALID',
        'provided digest did not match uploaded content',
      );
    }
    this.uploads.delete(id);
    this.blobs.set(digest, bytes);
    this.repo(repository).blobs.add(digest);
  }

  /** Abandons an upload. */
  cancel(repository: string, id: string): void {
    this.upload(repository, id);
    this.uploads.delete(id);
  }

  /** A manifest by tag or digest. */
  manifest(repository: string, reference: string): ManifestRecord | undefined {
    const repo = this.repos.get(repository);
    const digest = isDigest(reference) ? reference : repo?.tags.get(reference);
    return digest === undefined ? undefined : repo?.manifests.get(digest);
  }

  /**
   * Stores a manifest: validates JSON, digest, references (blobs and child manifests must be in
   * the repository) and the tag rules, as distribution and ECR do. Returns the digest.
   */
  putManifest(repository: string, reference: string, body: Buffer, contentType: string): string {
    this.checkRepository(repository);
    const digest = sha256Digest(body);
    if (isDigest(reference) ? reference !== digest : false) {
      throw new DistributionError(
        'DIGEST_INVALID',
        'provided digest did not match uploaded content',
        {
          digest: reference,
        },
      );
    }
    if (!isDigest(reference) && !isTag(reference)) {
      throw new DistributionError('TAG_INVALID', 'manifest tag did not match URI', {
        Tag: reference,
      });
    }
    const declared = contentType.split(';')[0]?.trim() ?? '';
    const mediaType = isManifestMediaType(declared) ? declared : detectManifestMediaType(body);
    if (mediaType === undefined || !isManifestMediaType(mediaType)) {
      throw new DistributionError('MANIFEST_INVALID', 'manifest invalid', { mediaType: declared });
    }
    let refs;
    try {
      refs = manifestReferences(body, mediaType);
    } catch (err) {
      const message = err instanceof ManifestFormatError ? err.message : 'manifest invalid';
      throw new DistributionError('MANIFEST_INVALID', 'manifest invalid', message);
    }
    const repo = this.repo(repository);
    for (const d of refs.blobs) {
      if (!repo.blobs.has(d.digest)) {
        throw new DistributionError('MANIFEST_BLOB_UNKNOWN', 'blob unknown to registry', d.digest);
      }
    }
    for (const d of refs.manifests) {
      if (!repo.manifests.has(d.digest)) {
        throw new DistributionError('MANIFEST_BLOB_UNKNOWN', 'blob unknown to registry', d.digest);
      }
    }
    if (!isDigest(reference)) {
      const current = repo.tags.get(reference);
      // Re-pushing the identical image under an immutable tag is a no-op, not an overwrite.
      if (current !== undefined && current !== digest && this.policy?.tagsImmutable(repository)) {
        throw immutableTag(repository, reference);
      }
      repo.tags.set(reference, digest);
    }
    if (!repo.manifests.has(digest)) {
      repo.manifests.set(digest, { digest, mediaType, body, pushedAt: this.now() });
    }
    return digest;
  }

  /** Deletes a manifest (by digest: with every tag on it) or just a tag. */
  deleteManifest(repository: string, reference: string): void {
    const repo = this.repos.get(repository);
    if (repo === undefined || this.manifest(repository, reference) === undefined) {
      throw manifestUnknown(reference);
    }
    if (!isDigest(reference)) {
      repo.tags.delete(reference);
      return;
    }
    repo.manifests.delete(reference);
    for (const [tag, digest] of repo.tags) if (digest === reference) repo.tags.delete(tag);
  }

  /** Tags of a repository in lexical order. */
  tags(repository: string): string[] {
    return [...(this.repos.get(repository)?.tags.keys() ?? [])].sort();
  }

  /** Every repository with content. */
  repositories(): string[] {
    return [...this.repos.keys()].sort();
  }

  /** Every manifest of a repository with its tags, size and push time. */
  images(repository: string): StoredImage[] {
    const repo = this.repos.get(repository);
    if (repo === undefined) return [];
    const size = (digest: string): number | undefined => {
      const m = repo.manifests.get(digest);
      return m && imageSize(m.body, m.mediaType, size);
    };
    return [...repo.manifests.values()].map((m) => ({
      digest: m.digest,
      mediaType: m.mediaType,
      tags: [...repo.tags].filter(([, d]) => d === m.digest).map(([t]) => t),
      sizeBytes: imageSize(m.body, m.mediaType, size),
      pushedAt: m.pushedAt,
    }));
  }
}
