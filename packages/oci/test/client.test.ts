// RegistryClient against a scripted transport: auth, verification, pagination, redaction.
import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import {
  DigestMismatchError,
  MANIFEST_ACCEPT,
  MediaType,
  parseChallenge,
  readBody,
  redactUrl,
  RegistryClient,
  RegistryHttpError,
  sha256Digest,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
} from '../src/index.js';

type Handler = (req: HttpRequest) => {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
};

class ScriptedTransport implements HttpTransport {
  readonly requests: HttpRequest[] = [];
  constructor(private readonly handler: Handler) {}
  request(req: HttpRequest): Promise<HttpResponse> {
    this.requests.push(req);
    const res = this.handler(req);
    const body = res.body === undefined ? [] : [Buffer.from(res.body)];
    return Promise.resolve({
      status: res.status,
      headers: res.headers ?? {},
      body: Readable.from(body),
    });
  }
}

const client = (handler: Handler, password = 'pw'): [RegistryClient, ScriptedTransport] => {
  const transport = new ScriptedTransport(handler);
  const c = new RegistryClient({
    registry: 'registry.test:5000',
    credentials: { username: 'AWS', password },
    transport,
    sleep: () => Promise.resolve(),
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
  });
  return [c, transport];
};

const manifest = Buffer.from(
  JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociManifest, config: {}, layers: [] }),
);
const manifestDigest = sha256Digest(manifest);

describe('parseChallenge', () => {
  it.each([
    ['Basic realm="basic-realm"', { scheme: 'basic', params: { realm: 'basic-realm' } }],
    [
      'Bearer realm="https://auth.test/token",service="registry.test",scope="repository:web:pull,push"',
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.test/token',
          service: 'registry.test',
          scope: 'repository:web:pull,push',
        },
      },
    ],
    [
      'Bearer realm=unquoted, service="s"',
      { scheme: 'bearer', params: { realm: 'unquoted', service: 's' } },
    ],
    ['Basic', { scheme: 'basic', params: {} }],
    ['', undefined],
  ])('%j', (header, expected) => {
    expect(parseChallenge(header)).toEqual(expected);
  });
});

describe('base URL', () => {
  it.each([
    ['127.0.0.1:5000', 'http://127.0.0.1:5000/v2/'],
    ['localhost:5000', 'http://localhost:5000/v2/'],
    [
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/v2/',
    ],
    ['http://10.0.0.1:5000/', 'http://10.0.0.1:5000/v2/'],
  ])('%s', async (registry, url) => {
    const transport = new ScriptedTransport(() => ({ status: 200, body: '{}' }));
    await new RegistryClient({ registry, transport }).ping();
    expect(transport.requests[0]?.url).toBe(url);
  });
});

describe('authentication', () => {
  it('sends basic credentials up front', async () => {
    const [c, t] = client(() => ({ status: 200, body: '{}' }));
    await c.ping();
    expect(t.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('AWS:pw').toString('base64')}`,
    );
  });

  it('answers a Bearer challenge with a token from the realm, and reuses it', async () => {
    const [c, t] = client((req): ReturnType<Handler> => {
      const url = new URL(req.url);
      if (url.host === 'auth.test') {
        expect(url.searchParams.get('service')).toBe('registry.test');
        expect(url.searchParams.get('scope')).toBe('repository:web:pull,push');
        expect(req.headers.authorization).toMatch(/^Basic /);
        return { status: 200, body: JSON.stringify({ token: 'tok-1' }) };
      }
      if (req.headers.authorization !== 'Bearer tok-1') {
        return {
          status: 401,
          headers: {
            'www-authenticate':
              'Bearer realm="https://auth.test/token",service="registry.test",scope="repository:web:pull,push"',
          },
        };
      }
      return { status: 200, headers: { 'content-type': MediaType.ociManifest }, body: manifest };
    });
    expect((await c.getManifest('web', 'v1'))?.digest).toBe(manifestDigest);
    expect((await c.getManifest('web', 'v2'))?.digest).toBe(manifestDigest);
    expect(t.requests.map((r) => new URL(r.url).host + new URL(r.url).pathname)).toEqual([
      'registry.test:5000/v2/web/manifests/v1',
      'auth.test/token',
      'registry.test:5000/v2/web/manifests/v1',
      'registry.test:5000/v2/web/manifests/v2',
    ]);
  });

  it('never puts the password or the Authorization header in an error', async () => {
    const [c] = client(
      () => ({
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="r"' },
        body: JSON.stringify({
          errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }],
        }),
      }),
      'very-secret',
    );
    const err = await c.getManifest('web', 'v1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryHttpError);
    expect(err).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    const everything = `${String(err)} ${JSON.stringify(err)} ${(err as Error).stack ?? ''}`;
    expect(everything).not.toContain('very-secret');
    expect(everything).not.toContain(Buffer.from('AWS:very-secret').toString('base64'));
  });

  it.each([
    ['https://user:pass@registry.test/v2/', 'https://registry.test/v2/'],
    [
      'http://r.test/v2/web/blobs/uploads/1?_state=SIGNEDSTATE&digest=sha256:abc',
      'http://r.test/v2/web/blobs/uploads/1?_state=%E2%80%A6&digest=sha256%3Aabc',
    ],
  ])('redacts %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe('reading', () => {
  it('always asks for manifests with an Accept header covering OCI and Docker types', async () => {
    const [c, t] = client(() => ({
      status: 200,
      headers: { 'content-type': MediaType.ociManifest },
      body: manifest,
    }));
    await c.getManifest('web', 'v1');
    await c.headManifest('web', 'v1').catch(() => undefined);
    for (const req of t.requests) expect(req.headers.accept).toBe(MANIFEST_ACCEPT);
  });

  it('verifies manifest bytes against the requested digest', async () => {
    const [c] = client(() => ({
      status: 200,
      headers: { 'content-type': MediaType.ociManifest },
      body: manifest,
    }));
    await expect(c.getManifest('web', sha256Digest('other'))).rejects.toThrow(DigestMismatchError);
    expect((await c.getManifest('web', manifestDigest))?.body.equals(manifest)).toBe(true);
  });

  it('verifies manifest bytes against Docker-Content-Digest', async () => {
    const [c] = client(() => ({
      status: 200,
      headers: {
        'content-type': MediaType.ociManifest,
        'docker-content-digest': sha256Digest('x'),
      },
      body: manifest,
    }));
    await expect(c.getManifest('web', 'v1')).rejects.toThrow(DigestMismatchError);
  });

  it('fails a blob stream whose bytes do not match', async () => {
    const [c] = client(() => ({ status: 200, body: 'tampered' }));
    const stream = await c.getBlob('web', sha256Digest('original'));
    if (stream === undefined) throw new Error('expected a stream');
    await expect(readBody(stream)).rejects.toThrow(DigestMismatchError);
  });

  it('follows a storage redirect without sending registry credentials', async () => {
    const blob = Buffer.from('layer bytes');
    const [c, t] = client((req) =>
      req.url.startsWith('https://storage.test/')
        ? { status: 200, body: blob }
        : { status: 307, headers: { location: 'https://storage.test/blob?sig=1' } },
    );
    expect((await c.getBlobBytes('web', sha256Digest(blob)))?.equals(blob)).toBe(true);
    expect(t.requests[1]?.headers.authorization).toBeUndefined();
  });

  it('follows tag list pagination', async () => {
    const [c] = client((req) => {
      const last = new URL(req.url).searchParams.get('last');
      return last === null
        ? {
            status: 200,
            headers: { link: '</v2/web/tags/list?n=2&last=b>; rel="next"' },
            body: JSON.stringify({ name: 'web', tags: ['a', 'b'] }),
          }
        : { status: 200, body: JSON.stringify({ name: 'web', tags: ['c'] }) };
    });
    expect(await c.listTags('web')).toEqual(['a', 'b', 'c']);
  });

  it('reads an unknown manifest, blob or repository as undefined / empty', async () => {
    const [c] = client(() => ({
      status: 404,
      body: JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: 'x' }] }),
    }));
    expect(await c.getManifest('web', 'v1')).toBeUndefined();
    expect(await c.blobSize('web', sha256Digest('x'))).toBeUndefined();
    expect(await c.listTags('web')).toEqual([]);
  });
});

describe('writing', () => {
  it('checks the digest the registry computed for a manifest', async () => {
    const [c] = client(() => ({
      status: 201,
      headers: { 'docker-content-digest': sha256Digest('else') },
    }));
    await expect(c.putManifest('web', 'v1', manifest, MediaType.ociManifest)).rejects.toThrow(
      DigestMismatchError,
    );
  });

  it('refuses to put bytes under a digest they do not have, before any request', async () => {
    const [c, t] = client(() => ({ status: 201 }));
    await expect(
      c.putManifest('web', sha256Digest('x'), manifest, MediaType.ociManifest),
    ).rejects.toThrow(DigestMismatchError);
    expect(t.requests).toHaveLength(0);
  });

  it('rejects invalid repository names before any request', async () => {
    const [c, t] = client(() => ({ status: 200 }));
    await expect(c.getManifest('Web', 'v1')).rejects.toThrow(/invalid repository name/);
    expect(t.requests).toHaveLength(0);
  });
});
