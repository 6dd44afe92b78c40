// Integration: our client against the embedded registry and Debian's docker-registry, with
// skopeo as the independent referee.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bufferBlob,
  buildImage,
  builtImageSource,
  dockerArchiveBytes,
  manifestReferences,
  MediaType,
  NodeHttpTransport,
  ociArchiveBytes,
  openImage,
  pushImage,
  RegistryClient,
  RegistryHttpError,
  sha256Digest,
  writeOciLayout,
  type BlobProgress,
  type Descriptor,
  type HttpTransport,
  type RegistryClientOptions,
  uploadBlob,
} from '../src/index.js';
import {
  startDockerRegistry,
  startEmbeddedRegistry,
  type RegistryBackend,
} from '@ecs-deploy/aws-sim/registry';
import { DOCKER_REGISTRY, requireTool, SKOPEO } from '@ecs-deploy/test-support/tools';
import { CountingTransport, FaultyTransport, must, skopeo } from './helpers.js';

// Without docker-registry or skopeo their cases are still declared: skipped with the reason, or
// failing under CI=true.
const withSkopeo = requireTool(SKOPEO);

const noSleep = (): Promise<void> => Promise.resolve();
// Incompressible content so a "large" layer really is large after gzip.
const bigFile = randomBytes(200 * 1024);
const appImage = buildImage({
  layers: [{ 'app/big.bin': bigFile }, { 'app/hello.txt': 'hello' }],
  labels: { 'org.opencontainers.image.source': 'https://example.test/app' },
});
const appRefs = manifestReferences(
  must(appImage.blobs.get(appImage.root.digest)),
  MediaType.ociManifest,
);
/** The layer holding bigFile: the one that goes up in chunks. */
const big = must(appRefs.blobs[1]);
const multiImage = buildImage([
  { layers: [{ 'a.txt': 'amd' }], platform: { os: 'linux', architecture: 'amd64' } },
  { layers: [{ 'a.txt': 'arm' }], platform: { os: 'linux', architecture: 'arm64' } },
]);

/** The push suite against one registry (see the end of the file). */
function pushSuite(name: string, start: () => Promise<RegistryBackend>): void {
  let registry: RegistryBackend;
  let dir: string;
  const transports: NodeHttpTransport[] = [];
  let repoCounter = 0;
  const repo = (): string => `${name}/app${++repoCounter}`;

  const client = (
    overrides: Partial<RegistryClientOptions> = {},
    wrap?: (t: HttpTransport) => HttpTransport,
  ): RegistryClient => {
    const transport = new NodeHttpTransport();
    transports.push(transport);
    return new RegistryClient({
      registry: registry.host,
      credentials: { username: registry.username, password: registry.password },
      transport: wrap ? wrap(transport) : transport,
      sleep: noSleep,
      ...overrides,
    });
  };
  const track = (): NodeHttpTransport => {
    const transport = new NodeHttpTransport();
    transports.push(transport);
    return transport;
  };
  const creds = (): string => `${registry.username}:${registry.password}`;

  beforeAll(async () => {
    registry = await start();
    dir = await mkdtemp(join(tmpdir(), `oci-push-${name}-`));
  });
  afterAll(async () => {
    for (const t of transports) t.close();
    await registry.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pushes an OCI layout by digest and by every tag', async () => {
    const layout = join(dir, 'layout-app');
    await writeOciLayout(layout, appImage);
    const source = await openImage(layout);
    const c = client();
    const r = repo();
    const result = await pushImage(c, source, { repository: r, tags: ['v1', 'latest'] });
    expect(result.digest).toBe(appImage.root.digest);
    expect(result.blobs.uploaded).toHaveLength(3);
    const fetched = await c.getManifest(r, 'v1');
    expect(fetched).toMatchObject({
      digest: appImage.root.digest,
      mediaType: MediaType.ociManifest,
    });
    expect(fetched?.body).toEqual(appImage.blobs.get(appImage.root.digest));
    expect(await c.headManifest(r, 'latest')).toMatchObject({ digest: appImage.root.digest });
    expect((await c.listTags(r)).sort()).toEqual(['latest', 'v1']);
    const refs = manifestReferences(must(fetched).body, must(fetched).mediaType);
    const configDigest = must(refs.blobs[0]).digest;
    expect(await c.getBlobBytes(r, configDigest)).toEqual(appImage.blobs.get(configDigest));
    expect(await c.getManifest(r, 'nope')).toBeUndefined();
  });

  it('pushes a multi-platform index: children by digest first, then the index', async () => {
    const counting = new CountingTransport(track());
    const c = client({}, () => counting);
    const r = repo();
    const result = await pushImage(c, builtImageSource(multiImage), {
      repository: r,
      tags: ['multi'],
    });
    expect(result).toMatchObject({ digest: multiImage.root.digest, mediaType: MediaType.ociIndex });
    const manifestPuts = counting.log.filter(
      (l) => l.startsWith('PUT') && l.includes('/manifests/'),
    );
    const children = multiImage.images.map((i) => i.manifest.digest);
    expect(manifestPuts.map((l) => l.split('/manifests/')[1])).toEqual([
      ...children,
      multiImage.root.digest,
      'multi',
    ]);
    for (const child of children) expect((await c.headManifest(r, child))?.digest).toBe(child);
    expect((await c.getManifest(r, 'multi'))?.mediaType).toBe(MediaType.ociIndex);
  });

  it('re-pushing skips what the registry already has', async () => {
    const r = repo();
    await pushImage(client(), builtImageSource(appImage), { repository: r, tags: ['v1'] });

    const again = new CountingTransport(track());
    const same = await pushImage(
      client({}, () => again),
      builtImageSource(appImage),
      {
        repository: r,
        tags: ['v1'],
      },
    );
    expect(same.manifestsPresent).toEqual([appImage.root.digest]);
    expect(again.log).toEqual([
      `HEAD /v2/${r}/manifests/${appImage.root.digest}`,
      `PUT /v2/${r}/manifests/v1`,
    ]);

    // A new image sharing the big layer: only the new blobs travel.
    const sibling = buildImage({
      layers: [{ 'app/big.bin': bigFile }, { 'app/hello.txt': 'changed' }],
    });
    const counting = new CountingTransport(track());
    const result = await pushImage(
      client({}, () => counting),
      builtImageSource(sibling),
      { repository: r },
    );
    expect(result.blobs.exists).toEqual([big.digest]);
    expect(result.blobs.uploaded).toHaveLength(2);
    expect(counting.count('POST')).toBe(2);
    expect(counting.count('HEAD', /\/blobs\//)).toBe(3);
  });

  it.each([
    ['monolithic', 1024 * 1024, 0],
    ['chunked', 64 * 1024, 4],
  ])('uploads %s (threshold %d)', async (_mode, threshold, patches) => {
    const counting = new CountingTransport(track());
    const c = client({ chunkThreshold: threshold, chunkSize: 64 * 1024 }, () => counting);
    const progress: BlobProgress[] = [];
    const r = repo();
    await pushImage(c, builtImageSource(appImage), {
      repository: r,
      onProgress: (p) => progress.push(p),
    });
    expect(counting.count('PATCH')).toBe(patches);
    const bigProgress = progress.filter((p) => p.digest === big.digest);
    expect(bigProgress.at(-1)).toEqual({
      digest: big.digest,
      pushedBytes: big.size,
      totalBytes: big.size,
    });
    const stored = await c.getBlobBytes(r, big.digest);
    // Compare digests, not Buffers: jest's deep equality is very slow on large Buffers.
    expect(stored && sha256Digest(stored)).toBe(big.digest);
  });

  // posts: upload sessions opened — 1 means the upload resumed, 2 that it restarted.
  // When a PATCH was stored but its answer lost, distribution cannot resume: its upload
  // location carries a signed `_state` with the old offset, and it cancels the session on
  // mismatch. The client then starts over; the embedded registry lets it resume.
  const afterLostPatch = name === 'embedded' ? 1 : 2;
  it.each([
    ['a 503 before the second PATCH', 1, [{ method: 'PATCH', nth: 2, when: 'before', as: 503 }]],
    [
      'a reset after the third PATCH was stored',
      afterLostPatch,
      [{ method: 'PATCH', nth: 3, when: 'after', as: 'reset' }],
    ],
    [
      'a 503 on the finishing PUT and a reset on the status check',
      2,
      [
        { method: 'PUT', nth: 1, when: 'before', as: 503 },
        { method: 'GET', nth: 1, when: 'before', as: 'reset' },
      ],
    ],
    [
      'a reset after the final PUT landed',
      1,
      [{ method: 'PUT', nth: 1, when: 'after', as: 'reset' }],
    ],
  ] as const)('a chunked upload survives %s', async (_what, posts, faults) => {
    const counting = new CountingTransport(track());
    const c = client(
      { chunkThreshold: 32 * 1024, chunkSize: 64 * 1024 },
      () => new FaultyTransport(counting, faults),
    );
    const r = repo();
    const outcome = await uploadBlob(
      c,
      r,
      big.digest,
      bufferBlob(must(appImage.blobs.get(big.digest))),
    );
    expect(outcome).toBe('uploaded');
    expect(counting.count('POST')).toBe(posts);
    const stored = await client().getBlobBytes(r, big.digest);
    expect(sha256Digest(must(stored))).toBe(big.digest);
  });

  it('streams a large layer from an on-disk layout in chunks', async () => {
    // A hand-written layout: a 12 MiB layer file next to a tiny config and manifest.
    const layout = join(dir, 'layout-large');
    await mkdir(join(layout, 'blobs/sha256'), { recursive: true });
    const layer = randomBytes(12 * 1024 * 1024);
    const config = Buffer.from(
      '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
    );
    const put = async (bytes: Buffer, mediaType: string): Promise<Descriptor> => {
      const digest = sha256Digest(bytes);
      await writeFile(join(layout, 'blobs/sha256', digest.slice(7)), bytes);
      return { mediaType, digest, size: bytes.length };
    };
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        config: await put(config, MediaType.ociConfig),
        layers: [await put(layer, MediaType.ociLayer)],
      }),
    );
    const root = await put(manifest, MediaType.ociManifest);
    await writeFile(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    await writeFile(
      join(layout, 'index.json'),
      JSON.stringify({ schemaVersion: 2, manifests: [root] }),
    );

    const counting = new CountingTransport(track());
    const chunkSize = 4 * 1024 * 1024;
    const c = client({ chunkThreshold: chunkSize, chunkSize }, () => counting);
    const r = repo();
    const seen: number[] = [];
    const result = await pushImage(c, await openImage(layout), {
      repository: r,
      tags: ['large'],
      onProgress: (p) => {
        if (p.totalBytes === layer.length) seen.push(p.pushedBytes);
      },
    });
    expect(result.digest).toBe(root.digest);
    expect(counting.count('PATCH')).toBe(3);
    expect(seen.at(-1)).toBe(layer.length);
    expect(seen.length).toBeGreaterThan(3); // reported while streaming, not only per chunk
    expect(await c.blobSize(r, sha256Digest(layer))).toBe(layer.length);
  });

  it('mounts blobs from another repository instead of uploading them', async () => {
    const from = repo();
    await pushImage(client(), builtImageSource(appImage), { repository: from });
    const to = repo();
    const result = await pushImage(client(), builtImageSource(appImage), {
      repository: to,
      mountFrom: from,
      tags: ['m'],
    });
    expect(result.blobs.mounted).toHaveLength(3);
    expect(result.blobs.uploaded).toHaveLength(0);
    expect((await client().getManifest(to, 'm'))?.digest).toBe(appImage.root.digest);
  });

  it('pushes an OCI archive and a docker-archive', async () => {
    const archive = join(dir, 'app.oci.tar');
    await writeFile(archive, ociArchiveBytes(multiImage));
    const r = repo();
    const fromArchive = await openImage(archive);
    expect((await pushImage(client(), fromArchive, { repository: r, tags: ['oci'] })).digest).toBe(
      multiImage.root.digest,
    );

    const docker = join(dir, 'app.docker.tar');
    const small = buildImage({ layers: [{ 'x.txt': 'docker' }] });
    await writeFile(docker, dockerArchiveBytes(small, 'app:v1'));
    const source = await openImage(docker);
    const pushed = await pushImage(client(), source, { repository: r, tags: ['docker'] });
    await source.close();
    const fetched = await client().getManifest(r, 'docker');
    expect(fetched).toMatchObject({ digest: pushed.digest, mediaType: MediaType.dockerManifest });
  });

  it('fails with a typed error that carries no secret on a wrong password', async () => {
    const c = client({ credentials: { username: 'AWS', password: 'wrong-secret-pw' } });
    const err = await pushImage(c, builtImageSource(appImage), { repository: repo() }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RegistryHttpError);
    expect(err).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    const text = `${String(err)} ${JSON.stringify(err)}`;
    expect(text).not.toContain('wrong-secret-pw');
    expect(text).not.toContain(Buffer.from('AWS:wrong-secret-pw').toString('base64'));
  });

  withSkopeo.describe('skopeo agrees', () => {
    it('inspect --raw returns bytes whose sha256 is the digest we report', async () => {
      const r = repo();
      const result = await pushImage(client(), builtImageSource(multiImage), {
        repository: r,
        tags: ['raw'],
      });
      const raw = await skopeo(
        'inspect',
        '--raw',
        '--tls-verify=false',
        '--creds',
        creds(),
        `docker://${registry.host}/${r}:raw`,
      );
      expect(sha256Digest(raw)).toBe(result.digest);
      const info = JSON.parse(
        await skopeo(
          'inspect',
          '--tls-verify=false',
          '--creds',
          creds(),
          `docker://${registry.host}/${r}:raw`,
        ),
      ) as { Digest: string };
      expect(info.Digest).toBe(result.digest);
    });

    it('skopeo copy from an oci: layout gives the digest our client reads back', async () => {
      const layout = join(dir, 'skopeo-src');
      await writeOciLayout(layout, appImage, 'v1');
      const r = repo();
      const digestFile = join(dir, `digest-${r.replace('/', '-')}`);
      await skopeo(
        'copy',
        '--quiet',
        '--dest-tls-verify=false',
        '--dest-creds',
        creds(),
        '--digestfile',
        digestFile,
        `oci:${layout}:v1`,
        `docker://${registry.host}/${r}:copied`,
      );
      const reported = (await readFile(digestFile, 'utf8')).trim();
      const fetched = await client().getManifest(r, 'copied');
      expect(fetched?.digest).toBe(reported);
      expect(sha256Digest(must(fetched).body)).toBe(reported);
    });
  });
}

describe('push to embedded', () => {
  pushSuite('embedded', () => startEmbeddedRegistry());
});
requireTool(DOCKER_REGISTRY).describe('push to docker-registry', () => {
  pushSuite('docker-registry', () => startDockerRegistry());
});
