import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDigest } from '@ecs-deploy/oci';
import type { RegistryBackend, RepositoryPolicy, StoredImage, StoredManifest } from './backend.js';
import { DistributionError, errorBody } from './distribution-errors.js';
import { routeRegistryRequest, type RegistryReply } from './embedded-routes.js';
import { RegistryFaults } from './registry-faults.js';
import { RegistryStore } from './store.js';

/** Options of the embedded registry. */
export interface EmbeddedRegistryOptions {
  /** ECR rules for pushes; without one every repository exists and tags are mutable. */
  readonly policy?: RepositoryPolicy;
  /** Account id used in ECR-worded errors; default 123456789012. */
  readonly registryId?: string;
  /** Basic-auth user; default `AWS` (what ECR tokens decode to). */
  readonly username?: string;
  /** Basic-auth password; default: random. */
  readonly password?: string;
  /** Port on 127.0.0.1; default 0 (ephemeral). */
  readonly port?: number;
  /** Clock for pushedAt (the simulator's clock when it has one). */
  readonly now?: () => Date;
}

/** The embedded registry: a RegistryBackend with fault hooks and a request counter. */
export interface EmbeddedRegistry extends RegistryBackend {
  /** Fault rules: 5xx answers or connection resets for requests matching method/path. */
  readonly faults: RegistryFaults;
  /** Requests served so far, as `METHOD /path` (tests assert on them). */
  readonly requests: readonly string[];
}

async function readRequestBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function authorized(header: string | undefined, expected: Buffer): boolean {
  if (header?.startsWith('Basic ') !== true) return false;
  const given = Buffer.from(header.slice('Basic '.length).trim(), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function send(res: ServerResponse, reply: RegistryReply, head: boolean): void {
  const body = reply.body === undefined ? undefined : Buffer.from(reply.body);
  const headers: Record<string, string> = {
    'docker-distribution-api-version': 'registry/2.0',
    ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...reply.headers,
  };
  headers['content-length'] ??= String(body?.length ?? 0);
  res.writeHead(reply.status, headers);
  res.end(head ? undefined : body);
}

function errorReply(err: unknown): RegistryReply {
  if (err instanceof DistributionError) {
    const headers: Record<string, string> =
      err.status === 401 ? { 'www-authenticate': 'Basic realm="basic-realm"' } : {};
    return { status: err.status, headers, body: errorBody(err.code, err.message, err.detail) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: errorBody('UNKNOWN', 'unknown error', message) };
}

/** Starts the embedded registry on 127.0.0.1 and returns it once it listens. */
export async function startEmbeddedRegistry(
  options: EmbeddedRegistryOptions = {},
): Promise<EmbeddedRegistry> {
  const username = options.username ?? 'AWS';
  const password = options.password ?? randomBytes(18).toString('base64url');
  const expected = Buffer.from(`${username}:${password}`);
  const store = new RegistryStore(
    options.policy,
    options.registryId ?? '123456789012',
    options.now,
  );
  const faults = new RegistryFaults();
  const requests: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://registry');
    requests.push(`${method} ${url.pathname}`);
    const fault = faults.decide(method, url.pathname);
    if (fault?.when === 'before') {
      if (fault.status === 'reset') {
        req.socket.destroy();
        return;
      }
      req.resume();
      send(res, { status: fault.status, body: errorBody('UNAVAILABLE', 'injected fault') }, false);
      return;
    }
    let reply: RegistryReply;
    try {
      if (!authorized(req.headers.authorization, expected)) {
        req.resume();
        throw new DistributionError('UNAUTHORIZED', 'authentication required');
      }
      const body = await readRequestBody(req);
      reply = routeRegistryRequest(store, {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers as Record<string, string | undefined>,
        body,
      });
    } catch (err) {
      reply = errorReply(err);
    }
    if (fault?.when === 'after') {
      if (fault.status === 'reset') req.socket.destroy();
      else
        send(
          res,
          { status: fault.status, body: errorBody('UNAVAILABLE', 'injected fault') },
          false,
        );
      return;
    }
    send(res, reply, method === 'HEAD');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    host: `127.0.0.1:${port}`,
    username,
    password,
    faults,
    requests,
    getManifest(repository, reference): Promise<StoredManifest | undefined> {
      const m = store.manifest(repository, reference);
      return Promise.resolve(m && { digest: m.digest, mediaType: m.mediaType, body: m.body });
    },
    getBlob(repository, digest): Promise<Buffer | undefined> {
      return Promise.resolve(isDigest(digest) ? store.blob(repository, digest) : undefined);
    },
    putManifest(repository, reference, body, mediaType): Promise<string> {
      return Promise.resolve().then(() =>
        store.putManifest(repository, reference, body, mediaType),
      );
    },
    listImages(repository): Promise<StoredImage[]> {
      return Promise.resolve(store.images(repository));
    },
    deleteTag(repository, tag): Promise<void> {
      return Promise.resolve().then(() => {
        if (store.manifest(repository, tag) !== undefined) store.deleteManifest(repository, tag);
      });
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
    },
  };
}
