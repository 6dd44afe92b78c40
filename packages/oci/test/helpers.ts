// Test seams: transports that count or break requests, and a promise-based skopeo runner.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { HttpRequest, HttpResponse, HttpTransport } from '../src/index.js';
import { NodeHttpTransport, readBody } from '../src/index.js';

const run = promisify(execFile);

/** A transport that records `METHOD /path` of every request it passes on. */
export class CountingTransport implements HttpTransport {
  readonly log: string[] = [];
  constructor(readonly inner: HttpTransport = new NodeHttpTransport()) {}
  request(req: HttpRequest): Promise<HttpResponse> {
    this.log.push(`${req.method} ${new URL(req.url).pathname}`);
    return this.inner.request(req);
  }
  count(method: string, pathPattern?: RegExp): number {
    return this.log.filter(
      (l) => l.startsWith(`${method} `) && (pathPattern === undefined || pathPattern.test(l)),
    ).length;
  }
}

/** Breaks the Nth request (1-based) matching a method: before sending, or after (reply lost). */
export interface TransportFault {
  readonly method: string;
  readonly nth: number;
  readonly when: 'before' | 'after';
  readonly as: 503 | 'reset';
}

/** A transport wrapper that injects client-side faults; works against any registry. */
export class FaultyTransport implements HttpTransport {
  private readonly seen = new Map<string, number>();
  constructor(
    readonly inner: HttpTransport,
    readonly faults: readonly TransportFault[],
  ) {}
  async request(req: HttpRequest): Promise<HttpResponse> {
    const n = (this.seen.get(req.method) ?? 0) + 1;
    this.seen.set(req.method, n);
    const fault = this.faults.find((f) => f.method === req.method && f.nth === n);
    if (fault === undefined) return this.inner.request(req);
    if (fault.when === 'after') {
      const res = await this.inner.request(req);
      await readBody(res.body);
    }
    if (fault.as === 'reset') {
      throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    }
    const { Readable } = await import('node:stream');
    return { status: 503, headers: {}, body: Readable.from([]) };
  }
}

/** Runs skopeo without blocking the event loop (the registry under test may be in-process). */
export async function skopeo(...args: string[]): Promise<string> {
  const { stdout } = await run('skopeo', args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The value, or a test failure when it is missing. */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`expected a ${what}`);
  return value;
}
