// The same behavioural suite against both RegistryBackend implementations.
import { describe, expect, it, afterAll, beforeAll } from '@jest/globals';
import {
  buildImage,
  builtImageSource,
  MediaType,
  pushImage,
  RegistryClient,
  sha256Digest,
  uploadBlob,
  bufferBlob,
  type BuiltImage,
} from '@ecs-deploy/oci';
import {
  RegistryError,
  startDockerRegistry,
  startEmbeddedRegistry,
  type RegistryBackend,
  type RepositoryPolicy,
} from '../src/registry/index.js';
import { DOCKER_REGISTRY, requireTool } from '@ecs-deploy/test-support/tools';

/** Repositories named `missing/*` do not exist; `locked/*` are IMMUTABLE. */
const policy: RepositoryPolicy = {
  repositoryExists: (name) => !name.startsWith('missing/'),
  tagsImmutable: (name) => name.startsWith('locked/'),
};

type Start = () => Promise<RegistryBackend>;

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

/** A Docker schema-2 manifest pretty-printed as docker push does (3 spaces): bytes matter. */
function dockerManifest(image: BuiltImage): Buffer {
  const oci = JSON.parse(must(image.blobs.get(image.root.digest)).toString()) as {
    config: { digest: string; size: number };
    layers: { digest: string; size: number }[];
  };
  return Buffer.from(
    JSON.stringify(
      {
        schemaVersion: 2,
        mediaType: MediaType.dockerManifest,
        config: {
          mediaType: MediaType.dockerConfig,
          size: oci.config.size,
          digest: oci.config.digest,
        },
        layers: oci.layers.map((l) => ({
          mediaType: MediaType.dockerLayerGzip,
          size: l.size,
          digest: l.digest,
        })),
      },
      null,
      3,
    ),
  );
}

/** The behavioural suite, declared once per backend (see the end of the file). */
function backendSuite(start: Start): void {
  let backend: RegistryBackend;
  let client: RegistryClient;
  let n = 0;
  const repo = (prefix = 'app'): string => `${prefix}/r${++n}`;
  const imageA = buildImage({ layers: [{ 'a.txt': 'A' }], labels: { v: 'a' } });
  const imageB = buildImage({ layers: [{ 'b.txt': 'B' }, { 'c.txt': 'C' }], labels: { v: 'b' } });

  /** Uploads an image's blobs (not its manifest) the way a docker push would. */
  const uploadBlobs = async (repository: string, image: BuiltImage): Promise<void> => {
    for (const [digest, bytes] of image.blobs) {
      if (digest !== image.root.digest)
        await uploadBlob(client, repository, digest, bufferBlob(bytes));
    }
  };

  beforeAll(async () => {
    backend = await start();
    client = new RegistryClient({
      registry: backend.host,
      credentials: { username: backend.username, password: backend.password },
      sleep: () => Promise.resolve(),
    });
  });
  afterAll(async () => {
    client.close();
    await backend.close();
  });

  it('advertises a loopback host and AWS credentials', () => {
    expect(backend.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(backend.username).toBe('AWS');
    expect(backend.password.length).toBeGreaterThan(10);
  });

  it('stores manifest bytes exactly and finds them by tag and by digest', async () => {
    const r = repo();
    await uploadBlobs(r, imageA);
    const body = dockerManifest(imageA);
    const digest = await backend.putManifest(r, 'v1', body, MediaType.dockerManifest);
    expect(digest).toBe(sha256Digest(body));
    for (const ref of ['v1', digest]) {
      const stored = must(await backend.getManifest(r, ref));
      expect(stored.digest).toBe(digest);
      expect(stored.mediaType).toBe(MediaType.dockerManifest);
      expect(stored.body.equals(body)).toBe(true);
    }
    // And what the registry serves over HTTP is the same.
    expect((await client.getManifest(r, 'v1'))?.digest).toBe(digest);
  });

  it('returns undefined for unknown repositories, tags and blobs', async () => {
    expect(await backend.getManifest('app/never-pushed', 'v1')).toBeUndefined();
    const r = repo();
    await pushImage(client, builtImageSource(imageA), { repository: r, tags: ['v1'] });
    expect(await backend.getManifest(r, 'v2')).toBeUndefined();
    expect(await backend.getManifest(r, sha256Digest('nothing'))).toBeUndefined();
    expect(await backend.getBlob(r, sha256Digest('nothing'))).toBeUndefined();
  });

  it('serves blobs such as the image config', async () => {
    const r = repo();
    await pushImage(client, builtImageSource(imageA), { repository: r });
    const config = must(imageA.images[0]).config;
    expect((await backend.getBlob(r, sha256Digest(config)))?.equals(config)).toBe(true);
  });

  it('rejects a manifest whose blobs are missing with MANIFEST_BLOB_UNKNOWN', async () => {
    const r = repo();
    const err = await backend
      .putManifest(r, 'v1', dockerManifest(imageB), MediaType.dockerManifest)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err).toMatchObject({ code: 'MANIFEST_BLOB_UNKNOWN' });
  });

  it('rejects an index whose children are missing', async () => {
    const multi = buildImage([
      { layers: [{ x: '1' }] },
      { layers: [{ x: '2' }], platform: { os: 'linux', architecture: 'arm64' } },
    ]);
    const r = repo();
    await expect(
      backend.putManifest(r, 'v1', must(multi.blobs.get(multi.root.digest)), MediaType.ociIndex),
    ).rejects.toMatchObject({ code: 'MANIFEST_BLOB_UNKNOWN' });
  });

  it('rejects a digest reference that does not match the bytes', async () => {
    const r = repo();
    await uploadBlobs(r, imageA);
    await expect(
      backend.putManifest(
        r,
        sha256Digest('other'),
        dockerManifest(imageA),
        MediaType.dockerManifest,
      ),
    ).rejects.toMatchObject({ code: 'DIGEST_INVALID' });
  });

  it('lists tagged and untagged images with sizes and push times', async () => {
    const r = repo();
    const before = Date.now() - 5000;
    await pushImage(client, builtImageSource(imageA), { repository: r, tags: ['a', 'latest'] });
    await pushImage(client, builtImageSource(imageB), { repository: r }); // by digest only
    const images = await backend.listImages(r);
    const byDigest = new Map(images.map((i) => [i.digest, i]));
    expect(byDigest.size).toBe(2);
    const a = must(byDigest.get(imageA.root.digest));
    expect([...a.tags].sort()).toEqual(['a', 'latest']);
    expect(a.mediaType).toBe(MediaType.ociManifest);
    const b = must(byDigest.get(imageB.root.digest));
    expect(b.tags).toEqual([]);
    const layersOfB = [...imageB.blobs.entries()]
      .filter(
        ([d]) => d !== imageB.root.digest && d !== sha256Digest(must(imageB.images[0]).config),
      )
      .reduce((sum, [, bytes]) => sum + bytes.length, 0);
    expect(b.sizeBytes).toBe(must(imageB.blobs.get(imageB.root.digest)).length + layersOfB);
    expect(a.pushedAt.getTime()).toBeGreaterThan(before);
    expect(await backend.listImages('app/never-pushed')).toEqual([]);
  });

  it('moves a tag to a new image in a mutable repository', async () => {
    const r = repo();
    await pushImage(client, builtImageSource(imageA), { repository: r, tags: ['v1'] });
    await pushImage(client, builtImageSource(imageB), { repository: r, tags: ['v1'] });
    expect((await backend.getManifest(r, 'v1'))?.digest).toBe(imageB.root.digest);
    const images = await backend.listImages(r);
    expect(images.find((i) => i.digest === imageA.root.digest)?.tags).toEqual([]);
  });

  it('deletes a tag but keeps the manifest and its other tags', async () => {
    const r = repo();
    await pushImage(client, builtImageSource(imageA), { repository: r, tags: ['v1', 'keep'] });
    await backend.deleteTag(r, 'v1');
    expect(await backend.getManifest(r, 'v1')).toBeUndefined();
    expect((await backend.getManifest(r, imageA.root.digest))?.digest).toBe(imageA.root.digest);
    expect((await backend.getManifest(r, 'keep'))?.digest).toBe(imageA.root.digest);
    const [image] = await backend.listImages(r);
    expect(image?.tags).toEqual(['keep']);
    await backend.deleteTag(r, 'no-such-tag'); // a no-op, not an error
  });

  describe('RepositoryPolicy on putManifest', () => {
    it("refuses a repository that does not exist, in ECR's words", async () => {
      const err = await backend
        .putManifest('missing/web', 'v1', dockerManifest(imageA), MediaType.dockerManifest)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RegistryError);
      expect(err).toMatchObject({
        code: 'NAME_UNKNOWN',
        message:
          "The repository with name 'missing/web' does not exist in the registry with id '123456789012'",
      });
    });

    it('refuses to move a tag in an IMMUTABLE repository but accepts the same image again', async () => {
      const r = repo('locked');
      await uploadBlobs(r, imageA);
      await uploadBlobs(r, imageB);
      const a = dockerManifest(imageA);
      await backend.putManifest(r, 'v1', a, MediaType.dockerManifest);
      await backend.putManifest(r, 'v1', a, MediaType.dockerManifest);
      const err = await backend
        .putManifest(r, 'v1', dockerManifest(imageB), MediaType.dockerManifest)
        .catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'TAG_INVALID',
        message: `The image tag 'v1' already exists in the '${r}' repository and cannot be overwritten because the repository is immutable.`,
      });
      expect((await backend.getManifest(r, 'v1'))?.digest).toBe(sha256Digest(a));
      // A new tag is fine.
      await backend.putManifest(r, 'v2', dockerManifest(imageB), MediaType.dockerManifest);
    });
  });
}

describe('RegistryBackend: embedded', () => {
  backendSuite(() => startEmbeddedRegistry({ policy }));
});
// Without the binary these cases are still declared: skipped with the reason, or failing under CI.
requireTool(DOCKER_REGISTRY).describe('RegistryBackend: docker-registry', () => {
  backendSuite(() => startDockerRegistry({ policy }));

  it('accepts the htpasswd login (bcryptjs, $2y$) and refuses a wrong password', async () => {
    const backend = await startDockerRegistry({ policy, password: 'p@ss:word with spaces' });
    try {
      const status = async (password: string): Promise<number> => {
        const basic = Buffer.from(`${backend.username}:${password}`).toString('base64');
        const res = await fetch(`http://${backend.host}/v2/`, {
          headers: { authorization: `Basic ${basic}` },
        });
        await res.arrayBuffer();
        return res.status;
      };
      expect(await status('p@ss:word with spaces')).toBe(200);
      expect(await status('p@ss:word with space')).toBe(401);
    } finally {
      await backend.close();
    }
  });
});
