/**
 * The seam between the simulated ECR API and the OCI registry that really stores the images.
 * Two implementations: the embedded registry (demo, no system packages) and Debian's
 * `docker-registry` (CI). ECR operations (BatchGetImage, PutImage, DescribeImages, …) and the
 * rolling engine's tag → digest resolution only ever go through this interface.
 */
export interface RegistryBackend {
  /** `host:port` the registry listens on; ECR's `proxyEndpoint` is `http://<host>`. */
  readonly host: string;
  /** Basic-auth user the registry accepts (ECR tokens decode to `AWS:<password>`). */
  readonly username: string;
  /** Basic-auth password the registry accepts. */
  readonly password: string;
  /** A manifest by tag or digest; undefined when the repository or reference is unknown. */
  getManifest(repository: string, reference: string): Promise<StoredManifest | undefined>;
  /** A blob (e.g. an image config) by digest; undefined when unknown. */
  getBlob(repository: string, digest: string): Promise<Buffer | undefined>;
  /**
   * Stores manifest bytes under `reference` (a tag, or the manifest's own digest) and returns
   * the digest. Rejects with RegistryError when a referenced blob or child manifest is missing.
   */
  putManifest(
    repository: string,
    reference: string,
    body: Buffer,
    mediaType: string,
  ): Promise<string>;
  /** Every manifest in the repository (tagged or not), with its tags. */
  listImages(repository: string): Promise<StoredImage[]>;
  /** Removes a tag (the manifest stays reachable by digest). */
  deleteTag(repository: string, tag: string): Promise<void>;
  /** Stops the registry and frees its port and storage. */
  close(): Promise<void>;
}

/** A manifest as stored: the exact bytes, which the digest is computed over. */
export interface StoredManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly body: Buffer;
}

/** One image of a repository, as DescribeImages needs it. */
export interface StoredImage {
  readonly digest: string;
  readonly mediaType: string;
  readonly tags: readonly string[];
  /** Manifest size plus the sizes of the layers it references, in bytes. */
  readonly sizeBytes: number;
  readonly pushedAt: Date;
}

/**
 * What the ECR layer tells the registry about repositories, so that a push follows ECR's rules:
 * no push to a repository that does not exist, no tag overwrite in an IMMUTABLE repository.
 */
export interface RepositoryPolicy {
  repositoryExists(repository: string): boolean;
  tagsImmutable(repository: string): boolean;
}

/** A registry-level failure, with the distribution API error code (e.g. MANIFEST_BLOB_UNKNOWN). */
export class RegistryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}
