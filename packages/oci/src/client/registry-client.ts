import { createHash } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import { isDigest, sha256Digest, type Digest } from '../digest.js';
import { DigestMismatchError, RegistryHttpError, parseDistributionErrors } from '../errors.js';
import { Authenticator, type Credentials } from '../http/auth.js';
import {
  NodeHttpTransport,
  readBody,
  type HttpBody,
  type HttpResponse,
  type HttpTransport,
} from '../http/transport.js';
import { detectManifestMediaType, MANIFEST_ACCEPT } from '../media-types.js';
import { DEFAULT_RETRY, realSleep, withRetry, type RetryPolicy, type Sleep } from '../retry.js';
import { assertRepositoryName, registryBaseUrl, resolveLocation } from './url.js';

/** How to reach and talk to one registry. */
export interface RegistryClientOptions {
  /** `host:port` (http on loopback, https elsewhere) or a full `http(s)://` base URL. */
  readonly registry: string;
  readonly credentials?: Credentials;
  /** Defaults to node:http(s); tests wrap it to count or fail requests. */
  readonly transport?: HttpTransport;
  readonly retry?: RetryPolicy;
  readonly sleep?: Sleep;
  /** Blobs larger than this go up in chunks (PATCH); default 16 MiB. */
  readonly chunkThreshold?: number;
  /** Bytes per PATCH of a chunked upload; default 16 MiB. */
  readonly chunkSize?: number;
  /** Hears about each retry (attempt number, error, delay) so callers can log it. */
  readonly onRetry?: (attempt: number, err: unknown, delayMs: number) => void;
}

/** A manifest as fetched: exact bytes, their digest and media type. */
export interface FetchedManifest {
  readonly digest: Digest;
  readonly mediaType: string;
  readonly body: Buffer;
}

/** What a request expects: acceptable statuses and the repository scope it acts in. */
export interface SendOptions {
  readonly expect: readonly number[];
  readonly repository?: string;
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: HttpBody;
}

/** Lower-level distribution API v2 client: one method per endpoint, retries built in. */
export class RegistryClient {
  readonly baseUrl: string;
  readonly retry: RetryPolicy;
  readonly sleep: Sleep;
  readonly chunkThreshold: number;
  readonly chunkSize: number;
  private readonly transport: HttpTransport;
  private readonly ownTransport: NodeHttpTransport | undefined = undefined;
  private readonly auth: Authenticator;

  constructor(private readonly options: RegistryClientOptions) {
    this.baseUrl = registryBaseUrl(options.registry);
    if (options.transport) {
      this.transport = options.transport;
    } else {
      this.ownTransport = new NodeHttpTransport();
      this.transport = this.ownTransport;
    }
    this.auth = new Authenticator(this.transport, options.credentials);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.sleep = options.sleep ?? realSleep;
    this.chunkSize = options.chunkSize ?? 16 * 1024 * 1024;
    this.chunkThreshold = options.chunkThreshold ?? this.chunkSize;
  }

  /** URL of a path under `/v2/<repository>/`. */
  repoUrl(repository: string, path: string): string {
    assertRepositoryName(repository);
    return `${this.baseUrl}/v2/${repository}/${path}`;
  }

  /** Resolves a Location header against a request URL. */
  location(res: HttpResponse, requestUrl: string): string {
    const location = res.headers.location;
    if (location === undefined) {
      throw new RegistryHttpError('?', requestUrl, res.status, [
        { code: 'NO_LOCATION', message: 'registry response lacks a Location header' },
      ]);
    }
    return resolveLocation(location, requestUrl);
  }

  /**
   * One request, authenticated (answering one Bearer challenge), without retries. Statuses not
   * in `expect` become RegistryHttpError; the caller owns the body of a successful response.
   */
  async send(opts: SendOptions): Promise<HttpResponse> {
    const scope = opts.repository
      ? `repository:${opts.repository}:pull,push`
      : 'registry:catalog:*';
    for (let round = 0; ; round++) {
      const headers: Record<string, string> = { ...opts.headers };
      const authorization = this.auth.authorization(scope);
      if (authorization !== undefined) headers.authorization = authorization;
      const req = { method: opts.method, url: opts.url, headers };
      const res = await this.transport.request(opts.body ? { ...req, body: opts.body } : req);
      if (opts.expect.includes(res.status)) return res;
      const body = await readBody(res.body, 1024 * 1024).catch(() => Buffer.alloc(0));
      if (res.status === 401 && round === 0) {
        if (await this.auth.onUnauthorized(res.headers['www-authenticate'], scope)) continue;
      }
      throw new RegistryHttpError(opts.method, opts.url, res.status, parseDistributionErrors(body));
    }
  }

  /** Runs an operation under the client's retry policy. */
  withRetry<T>(op: (attempt: number) => Promise<T>): Promise<T> {
    return withRetry(op, this.retry, this.sleep, this.options.onRetry);
  }

  /** `GET /v2/`: checks reachability and credentials. */
  async ping(): Promise<void> {
    await this.withRetry(async () => {
      const res = await this.send({ method: 'GET', url: `${this.baseUrl}/v2/`, expect: [200] });
      res.body.resume();
    });
  }

  /** Size of a blob when the repository has it, undefined when not (HEAD). */
  async blobSize(repository: string, digest: Digest): Promise<number | undefined> {
    return this.withRetry(async () => {
      const url = this.repoUrl(repository, `blobs/${digest}`);
      const res = await this.send({ method: 'HEAD', url, repository, expect: [200, 404] });
      res.body.resume();
      return res.status === 200 ? Number(res.headers['content-length'] ?? NaN) : undefined;
    });
  }

  /** Fetches a manifest by tag or digest, verifying its bytes; undefined when unknown. */
  async getManifest(
    repository: string,
    reference: string,
    accept: string = MANIFEST_ACCEPT,
  ): Promise<FetchedManifest | undefined> {
    return this.withRetry(async () => {
      const url = this.repoUrl(repository, `manifests/${reference}`);
      const res = await this.send({
        method: 'GET',
        url,
        repository,
        headers: { accept },
        expect: [200, 404],
      });
      const body = await readBody(res.body, 8 * 1024 * 1024);
      if (res.status === 404) return undefined;
      const digest = sha256Digest(body);
      const claimed = isDigest(reference) ? reference : res.headers['docker-content-digest'];
      if (claimed !== undefined && claimed !== digest) {
        throw new DigestMismatchError(claimed, digest, `manifest ${repository}:${reference}`);
      }
      const contentType = res.headers['content-type']?.split(';')[0]?.trim();
      const mediaType = contentType ?? detectManifestMediaType(body) ?? 'application/json';
      return { digest, mediaType, body };
    });
  }

  /** Digest, media type and size of a manifest via HEAD; undefined when unknown. */
  async headManifest(
    repository: string,
    reference: string,
  ): Promise<{ digest: Digest; mediaType: string; size: number } | undefined> {
    return this.withRetry(async () => {
      const url = this.repoUrl(repository, `manifests/${reference}`);
      const res = await this.send({
        method: 'HEAD',
        url,
        repository,
        headers: { accept: MANIFEST_ACCEPT },
        expect: [200, 404],
      });
      res.body.resume();
      if (res.status === 404) return undefined;
      const digest = res.headers['docker-content-digest'];
      if (digest === undefined || !isDigest(digest)) {
        throw new RegistryHttpError('HEAD', url, res.status, [
          { code: 'NO_DIGEST', message: 'response lacks Docker-Content-Digest' },
        ]);
      }
      const mediaType = res.headers['content-type']?.split(';')[0]?.trim() ?? '';
      return { digest, mediaType, size: Number(res.headers['content-length'] ?? NaN) };
    });
  }

  /**
   * Stores a manifest under a tag or its digest; returns the digest (sha256 of the exact bytes),
   * after checking the registry computed the same.
   */
  async putManifest(
    repository: string,
    reference: string,
    body: Buffer,
    mediaType: string,
  ): Promise<Digest> {
    const digest = sha256Digest(body);
    if (isDigest(reference) && reference !== digest) {
      throw new DigestMismatchError(reference, digest, 'manifest to push');
    }
    return this.withRetry(async () => {
      const url = this.repoUrl(repository, `manifests/${reference}`);
      const res = await this.send({
        method: 'PUT',
        url,
        repository,
        headers: { 'content-type': mediaType },
        body,
        expect: [200, 201, 202],
      });
      res.body.resume();
      const echoed = res.headers['docker-content-digest'];
      if (echoed !== undefined && echoed !== digest) {
        throw new DigestMismatchError(
          digest,
          echoed,
          `registry digest of ${repository}:${reference}`,
        );
      }
      return digest;
    });
  }

  /** Deletes a manifest by digest (the registry must allow deletes). */
  async deleteManifest(repository: string, digest: Digest): Promise<void> {
    await this.withRetry(async () => {
      const url = this.repoUrl(repository, `manifests/${digest}`);
      const res = await this.send({ method: 'DELETE', url, repository, expect: [202, 200] });
      res.body.resume();
    });
  }

  /** All tags of a repository (following `Link` pagination); empty when it is unknown. */
  async listTags(repository: string): Promise<string[]> {
    const tags: string[] = [];
    let url: string | undefined = this.repoUrl(repository, 'tags/list');
    while (url !== undefined) {
      const pageUrl: string = url;
      const page = await this.withRetry(async () => {
        const res = await this.send({
          method: 'GET',
          url: pageUrl,
          repository,
          expect: [200, 404],
        });
        const body = await readBody(res.body, 16 * 1024 * 1024);
        if (res.status === 404) return { tags: [] as string[], next: undefined };
        const parsed = JSON.parse(body.toString('utf8')) as { tags?: string[] | null };
        const link = /<([^>]+)>\s*;\s*rel="?next"?/.exec(res.headers.link ?? '')?.[1];
        return { tags: parsed.tags ?? [], next: link && resolveLocation(link, pageUrl) };
      });
      tags.push(...page.tags);
      url = page.next;
    }
    return tags;
  }

  /**
   * Streams a blob, verifying its digest as it flows: the stream errors with
   * DigestMismatchError at the end if the bytes do not match. Undefined when unknown.
   */
  async getBlob(repository: string, digest: Digest): Promise<Readable | undefined> {
    return this.withRetry(async () => {
      const url = this.repoUrl(repository, `blobs/${digest}`);
      let res = await this.send({
        method: 'GET',
        url,
        repository,
        expect: [200, 404, 307, 302, 303],
      });
      if (res.status >= 300 && res.status < 400) {
        res.body.resume();
        // Storage redirects (S3, CDN) carry their own signature: no registry credentials.
        const target = this.location(res, url);
        res = await this.transport.request({ method: 'GET', url: target, headers: {} });
        if (res.status !== 200) {
          const body = await readBody(res.body, 1024 * 1024).catch(() => Buffer.alloc(0));
          throw new RegistryHttpError('GET', target, res.status, parseDistributionErrors(body));
        }
      }
      if (res.status === 404) {
        res.body.resume();
        return undefined;
      }
      // pipeline (not pipe) so a reset mid-download errors the stream the caller reads.
      return pipeline(res.body, verifyingStream(digest), () => undefined);
    });
  }

  /** Reads a (small) blob fully, verified. */
  async getBlobBytes(repository: string, digest: Digest): Promise<Buffer | undefined> {
    const stream = await this.getBlob(repository, digest);
    return stream === undefined ? undefined : readBody(stream, 256 * 1024 * 1024);
  }

  /** Frees sockets held by the default transport. */
  close(): void {
    this.ownTransport?.close();
  }
}

/** A pass-through that fails at the end when the bytes do not hash to `digest`. */
export function verifyingStream(digest: Digest): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = `sha256:${hash.digest('hex')}`;
      done(actual === digest ? null : new DigestMismatchError(digest, actual, 'blob'));
    },
  });
}
