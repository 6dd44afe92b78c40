import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DigestMismatchError,
  isDigest,
  RegistryClient,
  RegistryHttpError,
  sha256Digest,
  type Digest,
} from '@ecs-deploy/oci';
import {
  RegistryError,
  type RegistryBackend,
  type RepositoryPolicy,
  type StoredImage,
  type StoredManifest,
} from './backend.js';
import { immutableTag, repositoryNotFound } from './distribution-errors.js';
import { dockerRegistryConfig, htpasswdHash, htpasswdLine } from './docker-registry-config.js';
import {
  DEFAULT_DOCKER_REGISTRY_BINARY,
  dockerRegistryAvailable,
  DockerRegistryUnavailable,
  freePort,
  spawnRegistry,
  type RegistryProcess,
} from './docker-registry-process.js';
import { readStorageRevisions } from './docker-registry-storage.js';
import { imageSize } from './image-size.js';

/** Options of the Debian docker-registry backend. */
export interface DockerRegistryOptions {
  /** Path of the binary; default /usr/bin/docker-registry (Debian package `docker-registry`). */
  readonly binary?: string;
  /** Basic-auth user; default `AWS`. */
  readonly username?: string;
  /** Basic-auth password; default: random. */
  readonly password?: string;
  /** Applied to putManifest calls made through this backend (not to direct pushes). */
  readonly policy?: RepositoryPolicy;
  /** Account id used in ECR-worded errors; default 123456789012. */
  readonly registryId?: string;
  /** How long to wait for the registry to answer; default 10 s. */
  readonly startTimeoutMs?: number;
  /** Clock for pushedAt of manifests put through the backend. */
  readonly now?: () => Date;
}

/** The docker-registry backend, with the storage dir exposed for diagnostics. */
export interface DockerRegistry extends RegistryBackend {
  /** Filesystem storage root of the registry (a private temp dir, removed on close). */
  readonly storageDir: string;
}

function asRegistryError(err: unknown): unknown {
  if (err instanceof DigestMismatchError) return new RegistryError('DIGEST_INVALID', err.message);
  if (err instanceof RegistryHttpError) {
    const first = err.errors[0];
    const detail =
      first?.detail === undefined || first.detail === null
        ? ''
        : ` (${JSON.stringify(first.detail)})`;
    return new RegistryError(
      err.code ?? `HTTP_${err.status}`,
      `${first?.message ?? err.message}${detail}`,
    );
  }
  return err;
}

async function launch(
  options: DockerRegistryOptions,
  dir: string,
  htpasswdPath: string,
): Promise<{ process: RegistryProcess; port: number }> {
  const binary = options.binary ?? DEFAULT_DOCKER_REGISTRY_BINARY;
  // A port found free can be taken before the registry binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const configPath = join(dir, `config-${port}.yml`);
    const secret = randomBytes(24).toString('hex');
    await writeFile(
      configPath,
      dockerRegistryConfig({ storageDir: join(dir, 'storage'), htpasswdPath, port, secret }),
    );
    try {
      const process = await spawnRegistry(
        binary,
        configPath,
        port,
        options.startTimeoutMs ?? 10_000,
      );
      return { process, port };
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/**
 * Starts Debian's `docker-registry` (distribution 2.8) on a free loopback port, with filesystem
 * storage and htpasswd auth in a temp dir, and serves RegistryBackend over its HTTP API.
 * Decision: pushes that go straight to the registry (docker, skopeo, our client) cannot be held
 * to RepositoryPolicy — distribution has no such hook; only putManifest through this object is.
 */
export async function startDockerRegistry(
  options: DockerRegistryOptions = {},
): Promise<DockerRegistry> {
  const binary = options.binary ?? DEFAULT_DOCKER_REGISTRY_BINARY;
  if (!(await dockerRegistryAvailable(binary))) {
    throw new DockerRegistryUnavailable(
      `${binary} is not installed; on Debian/Ubuntu: apt-get install docker-registry ` +
        '(or use startEmbeddedRegistry, which needs nothing)',
    );
  }
  const username = options.username ?? 'AWS';
  const password = options.password ?? randomBytes(18).toString('base64url');
  const registryId = options.registryId ?? '123456789012';
  const now = options.now ?? ((): Date => new Date());
  const dir = await mkdtemp(join(tmpdir(), 'aws-sim-docker-registry-'));
  const htpasswdPath = join(dir, 'htpasswd');
  let started: { process: RegistryProcess; port: number };
  try {
    await writeFile(htpasswdPath, htpasswdLine(username, htpasswdHash(password)), { mode: 0o600 });
    started = await launch(options, dir, htpasswdPath);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const host = `127.0.0.1:${started.port}`;
  const storageDir = join(dir, 'storage');
  const client = new RegistryClient({ registry: host, credentials: { username, password } });
  const pushedAt = new Map<string, Date>();
  const call = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (err) {
      throw asRegistryError(err);
    }
  };

  const getManifest = (
    repository: string,
    reference: string,
  ): Promise<StoredManifest | undefined> =>
    call(async () => {
      try {
        return await client.getManifest(repository, reference);
      } catch (err) {
        // Unknown repository names answer NAME_UNKNOWN / NAME_INVALID: "not found" for us.
        if (err instanceof RegistryHttpError && err.status === 404) return undefined;
        throw err;
      }
    });

  const putManifest = (
    repository: string,
    reference: string,
    body: Buffer,
    mediaType: string,
  ): Promise<string> =>
    call(async () => {
      if (options.policy && !options.policy.repositoryExists(repository)) {
        throw repositoryNotFound(repository, registryId);
      }
      if (options.policy?.tagsImmutable(repository) && !isDigest(reference)) {
        const current = await client.headManifest(repository, reference).catch(() => undefined);
        if (current !== undefined && current.digest !== sha256Digest(body))
          throw immutableTag(repository, reference);
      }
      const digest = await client.putManifest(repository, reference, body, mediaType);
      const key = `${repository}@${digest}`;
      if (!pushedAt.has(key)) pushedAt.set(key, now());
      return digest;
    });

  return {
    host,
    username,
    password,
    storageDir,
    getManifest,
    getBlob: (repository, digest) =>
      call(async () => (isDigest(digest) ? client.getBlobBytes(repository, digest) : undefined)),
    putManifest,
    async listImages(repository): Promise<StoredImage[]> {
      const revisions = await readStorageRevisions(storageDir, repository);
      const manifests = new Map<string, StoredManifest>();
      for (const r of revisions) {
        const m = await getManifest(repository, r.digest);
        if (m !== undefined) manifests.set(r.digest, m);
      }
      const size = (digest: string): number | undefined => {
        const m = manifests.get(digest);
        return m && imageSize(m.body, m.mediaType, size);
      };
      return revisions.flatMap((r) => {
        const m = manifests.get(r.digest);
        if (m === undefined) return [];
        return [
          {
            digest: r.digest,
            mediaType: m.mediaType,
            tags: r.tags,
            sizeBytes: size(r.digest) ?? m.body.length,
            pushedAt: pushedAt.get(`${repository}@${r.digest}`) ?? r.linkedAt,
          },
        ];
      });
    },
    deleteTag: (repository, tag) =>
      call(async () => {
        // distribution 2.8 cannot delete a tag (DELETE by tag is DIGEST_INVALID) and deleting by
        // digest drops every tag on it. So: delete by digest, re-put the manifest by digest
        // (its blobs stay, there is no garbage collection) and re-put the other tags.
        const manifest = await getManifest(repository, tag);
        if (manifest === undefined) return;
        const revisions = await readStorageRevisions(storageDir, repository);
        const others =
          revisions.find((r) => r.digest === manifest.digest)?.tags.filter((t) => t !== tag) ?? [];
        const key = `${repository}@${manifest.digest}`;
        const linkedAt = revisions.find((r) => r.digest === manifest.digest)?.linkedAt;
        if (!pushedAt.has(key) && linkedAt) pushedAt.set(key, linkedAt);
        await client.deleteManifest(repository, manifest.digest as Digest);
        await client.putManifest(repository, manifest.digest, manifest.body, manifest.mediaType);
        for (const other of others) {
          await client.putManifest(repository, other, manifest.body, manifest.mediaType);
        }
      }),
    async close(): Promise<void> {
      client.close();
      await started.process.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
