import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

/** A request body: bytes, or a stream factory with a known length (re-created per attempt). */
export type HttpBody = Buffer | { readonly length: number; readonly open: () => Readable };

/** One HTTP request as the registry client issues it. */
export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: HttpBody;
}

/** A response whose body is still a stream (blob downloads are not buffered). */
export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names; repeated headers joined with ', '. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Readable;
}

/** The one seam between the client and the network; tests wrap it to count or fail requests. */
export interface HttpTransport {
  request(req: HttpRequest): Promise<HttpResponse>;
}

/** Reads a response body fully (for JSON, manifests and error bodies; never blobs). */
export async function readBody(body: Readable, limit = 32 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      body.destroy();
      throw new Error(`response body exceeds ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Options of the node:http(s) transport. */
export interface NodeTransportOptions {
  /** Idle socket timeout in ms before the request fails with ETIMEDOUT; default 60 s. */
  readonly timeoutMs?: number;
}

/** HttpTransport over node:http and node:https with keep-alive agents. */
export class NodeHttpTransport implements HttpTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8 });
  constructor(private readonly options: NodeTransportOptions = {}) {}

  request(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const secure = url.protocol === 'https:';
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(req.body.length);
    return new Promise<HttpResponse>((resolve, reject) => {
      const outgoing = (secure ? https : http).request(url, {
        method: req.method,
        headers,
        agent: secure ? this.httpsAgent : this.httpAgent,
        timeout: this.options.timeoutMs ?? 60_000,
      });
      let source: Readable | undefined;
      outgoing.on('timeout', () => {
        const err: NodeJS.ErrnoException = new Error('registry request timed out');
        err.code = 'ETIMEDOUT';
        outgoing.destroy(err);
      });
      outgoing.on('error', (err) => {
        source?.destroy();
        reject(err);
      });
      outgoing.on('response', (res) => {
        // The server may answer (e.g. 401) before the body is sent; stop reading the source.
        source?.unpipe(outgoing);
        source?.destroy();
        const out: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          out[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        resolve({ status: res.statusCode ?? 0, headers: out, body: res });
      });
      if (req.body === undefined) {
        outgoing.end();
      } else if (Buffer.isBuffer(req.body)) {
        outgoing.end(req.body);
      } else {
        source = req.body.open();
        source.on('error', (err) => outgoing.destroy(err));
        source.pipe(outgoing);
      }
    });
  }

  /** Closes idle keep-alive sockets so a process (or a test) can exit. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** An empty readable (HEAD responses, synthetic errors). */
export function emptyBody(): Readable {
  return Readable.from([]);
}
