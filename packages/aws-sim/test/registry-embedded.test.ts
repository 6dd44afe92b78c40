// The embedded registry over HTTP: ECR's repository rules, auth, faults and distribution details.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bufferBlob,
  buildImage,
  builtImageSource,
  MediaType,
  NodeHttpTransport,
  pushImage,
  readBody,
  RegistryClient,
  RegistryHttpError,
  sha256Digest,
  uploadBlob,
  type HttpResponse,
} from '@ecs-deploy/oci';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../src/registry/index.js';

const big = randomBytes(150 * 1024);
const image = buildImage({ layers: [{ 'big.bin': big }], labels: { app: 'web' } });
const other = buildImage({ layers: [{ 'small.txt': 'x' }] });

describe('embedded registry', () => {
  let registry: EmbeddedRegistry;
  let raw: NodeHttpTransport;
  let client: RegistryClient;
  let n = 0;
  const repo = (prefix = 'app'): string => `${prefix}/r${++n}`;
  const auth = (): string =>
    `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`;
  const request = async (
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: Buffer,
  ): Promise<HttpResponse & { text: string }> => {
    const res = await raw.request({
      method,
      url: `http://${registry.host}${path}`,
      headers: { authorization: auth(), ...headers },
      ...(body ? { body } : {}),
    });
    return { ...res, text: (await readBody(res.body)).toString() };
  };
  const chunkedClient = (): RegistryClient =>
    new RegistryClient({
      registry: registry.host,
      credentials: { username: registry.username, password: registry.password },
      transport: raw,
      sleep: () => Promise.resolve(),
      chunkThreshold: 16 * 1024,
      chunkSize: 32 * 1024,
    });

  beforeAll(async () => {
    registry = await startEmbeddedRegistry({
      password: 'embedded-pw',
      policy: {
        repositoryExists: (name) => !name.startsWith('missing/'),
        tagsImmutable: (name) => name.startsWith('locked/'),
      },
    });
    raw = new NodeHttpTransport();
    client = chunkedClient();
  });
  afterAll(async () => {
    raw.close();
    await registry.close();
  });

  describe('API basics', () => {
    it('answers the /v2/ ping with the API version header', async () => {
      const res = await request('GET', '/v2/');
      expect(res.status).toBe(200);
      expect(res.headers['docker-distribution-api-version']).toBe('registry/2.0');
      expect(res.text).toBe('{}');
    });

    it.each([
      ['no credentials', undefined],
      ['a wrong password', `Basic ${Buffer.from('AWS:nope').toString('base64')}`],
      ['a bearer token', 'Bearer abc'],
    ])('asks for basic auth on %s', async (_what, authorization) => {
      const res = await raw.request({
        method: 'GET',
        url: `http://${registry.host}/v2/`,
        headers: authorization === undefined ? {} : { authorization },
      });
      const body = (await readBody(res.body)).toString();
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Basic realm="basic-realm"');
      expect(JSON.parse(body)).toEqual({
        errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: null }],
      });
    });

    it('lists repositories and tags', async () => {
      const r = repo();
      await pushImage(client, builtImageSource(other), { repository: r, tags: ['b', 'a'] });
      expect(JSON.parse((await request('GET', `/v2/${r}/tags/list`)).text)).toEqual({
        name: r,
        tags: ['a', 'b'],
      });
      expect(
        (JSON.parse((await request('GET', '/v2/_catalog')).text) as { repositories: string[] })
          .repositories,
      ).toContain(r);
    });

    it('accepts a monolithic single-POST upload with ?digest=', async () => {
      const r = repo();
      const bytes = Buffer.from('single post');
      const digest = sha256Digest(bytes);
      const res = await request('POST', `/v2/${r}/blobs/uploads/?digest=${digest}`, {}, bytes);
      expect(res.status).toBe(201);
      expect(res.headers['docker-content-digest']).toBe(digest);
      expect((await registry.getBlob(r, digest))?.equals(bytes)).toBe(true);
    });

    it('refuses a PATCH whose Content-Range does not continue the upload (416)', async () => {
      const r = repo();
      const started = await request('POST', `/v2/${r}/blobs/uploads/`);
      const location = started.headers.location ?? '';
      const first = await request(
        'PATCH',
        location,
        { 'content-range': '0-2' },
        Buffer.from('abc'),
      );
      expect(first.status).toBe(202);
      expect(first.headers.range).toBe('0-2');
      const gap = await request('PATCH', location, { 'content-range': '5-7' }, Buffer.from('def'));
      expect(gap.status).toBe(416);
      const status = await request('GET', location);
      expect([status.status, status.headers.range]).toEqual([204, '0-2']);
    });

    it('rejects an upload whose bytes do not match the digest', async () => {
      const r = repo();
      const started = await request('POST', `/v2/${r}/blobs/uploads/`);
      const res = await request(
        'PUT',
        `${started.headers.location ?? ''}?digest=${sha256Digest('other')}`,
        {},
        Buffer.from('content'),
      );
      expect(res.status).toBe(400);
      expect(firstError(res.text)?.code).toBe('DIGEST_INVALID');
    });

    it('does not serve an OCI manifest to a client that accepts only Docker types', async () => {
      const r = repo();
      await pushImage(client, builtImageSource(other), { repository: r, tags: ['v1'] });
      const res = await request('GET', `/v2/${r}/manifests/v1`, {
        accept: MediaType.dockerManifest,
      });
      expect(res.status).toBe(404);
      expect(firstError(res.text)).toMatchObject({
        code: 'MANIFEST_UNKNOWN',
        message: 'OCI manifest found, but accept header does not support OCI manifests',
      });
      const ok = await request('HEAD', `/v2/${r}/manifests/v1`, { accept: MediaType.ociManifest });
      expect(ok.status).toBe(200);
      expect(ok.headers['docker-content-digest']).toBe(other.root.digest);
      expect(ok.headers['content-length']).toBe(
        String(must(other.blobs.get(other.root.digest)).length),
      );
    });

    it('deletes a manifest by digest together with its tags', async () => {
      const r = repo();
      await pushImage(client, builtImageSource(other), { repository: r, tags: ['v1'] });
      await client.deleteManifest(r, other.root.digest);
      expect(await client.getManifest(r, 'v1')).toBeUndefined();
      expect(await client.listTags(r)).toEqual([]);
    });

    it('reports MANIFEST_BLOB_UNKNOWN with the missing digest as detail', async () => {
      const r = repo();
      const body = must(other.blobs.get(other.root.digest));
      const res = await request(
        'PUT',
        `/v2/${r}/manifests/v1`,
        { 'content-type': MediaType.ociManifest },
        body,
      );
      expect(res.status).toBe(400);
      const error = firstError(res.text);
      expect(error?.code).toBe('MANIFEST_BLOB_UNKNOWN');
      expect([...other.blobs.keys()]).toContain(error?.detail);
    });
  });

  describe('ECR repository rules', () => {
    it('answers a push to a repository that does not exist with NAME_UNKNOWN', async () => {
      const err = await pushImage(client, builtImageSource(other), {
        repository: 'missing/web',
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RegistryHttpError);
      expect(err).toMatchObject({ status: 404, code: 'NAME_UNKNOWN' });
      const res = await request('POST', '/v2/missing/web/blobs/uploads/');
      expect(firstError(res.text)?.message).toBe(
        "The repository with name 'missing/web' does not exist in the registry with id '123456789012'",
      );
    });

    it('refuses to overwrite a tag in an IMMUTABLE repository', async () => {
      const r = repo('locked');
      await pushImage(client, builtImageSource(other), { repository: r, tags: ['v1'] });
      // The same image again is not an overwrite.
      await pushImage(client, builtImageSource(other), { repository: r, tags: ['v1'] });
      const err = await pushImage(client, builtImageSource(image), {
        repository: r,
        tags: ['v1'],
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({
        status: 400,
        code: 'TAG_INVALID',
        message: expect.stringContaining(
          `The image tag 'v1' already exists in the '${r}' repository and cannot be overwritten because the repository is immutable.`,
        ),
      });
      expect((await client.headManifest(r, 'v1'))?.digest).toBe(other.root.digest);
    });
  });

  describe('fault hooks', () => {
    it('a chunked push still ends with the right digest when PATCHes fail with 5xx', async () => {
      const r = repo();
      registry.faults.inject({ match: { method: 'PATCH' }, status: 503, after: 1, count: 2 });
      const result = await pushImage(client, builtImageSource(image), {
        repository: r,
        tags: ['v1'],
      });
      expect(registry.faults.pending()).toBe(0);
      expect(result.digest).toBe(image.root.digest);
      for (const [digest, bytes] of image.blobs) {
        if (digest === image.root.digest) continue;
        expect((await registry.getBlob(r, digest))?.equals(bytes)).toBe(true);
      }
    });

    it('resumes a chunked upload whose stored PATCH lost its answer (reset after processing)', async () => {
      const r = repo();
      const start = registry.requests.length;
      registry.faults.inject({
        match: { method: 'PATCH', path: `/v2/${r}/*` },
        status: 'reset',
        after: 2,
        when: 'after',
      });
      const bytes = randomBytes(100 * 1024);
      const digest = sha256Digest(bytes);
      expect(await uploadBlob(client, r, digest, bufferBlob(bytes))).toBe('uploaded');
      const log = registry.requests.slice(start);
      expect(log.filter((l) => l.startsWith('POST'))).toHaveLength(1);
      expect(log.filter((l) => l.startsWith('GET /v2/') && l.includes('/uploads/'))).toHaveLength(
        1,
      );
      expect((await registry.getBlob(r, digest))?.equals(bytes)).toBe(true);
    });

    it('retries a manifest PUT answered with 500 and a reset connection', async () => {
      const r = repo();
      registry.faults.inject({ match: { method: 'PUT', path: /\/manifests\// }, status: 500 });
      registry.faults.inject({ match: { method: 'PUT', path: /\/manifests\// }, status: 'reset' });
      const result = await pushImage(client, builtImageSource(other), {
        repository: r,
        tags: ['v1'],
      });
      expect(registry.faults.pending()).toBe(0);
      expect((await client.getManifest(r, 'v1'))?.digest).toBe(result.digest);
    });

    it('gives up after the retry budget with the registry status', async () => {
      const r = repo();
      registry.faults.inject({ match: { method: 'HEAD' }, status: 503, count: 100 });
      const err = await pushImage(client, builtImageSource(other), { repository: r }).catch(
        (e: unknown) => e,
      );
      registry.faults.clear();
      expect(err).toMatchObject({ status: 503 });
    });
  });
});

interface ErrorEntry {
  code: string;
  message: string;
  detail: unknown;
}

function firstError(text: string): ErrorEntry | undefined {
  return (JSON.parse(text) as { errors: ErrorEntry[] }).errors[0];
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}
