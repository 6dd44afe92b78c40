// Two stand-ins for AWS on 127.0.0.1 for cold starts: a port that refuses connections, and an
// endpoint that answers every request at once with a non-retryable AccessDenied (for actions
// whose polling loop retries network errors and so would not exit after a refused connection).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { onCleanup } from './cleanup.js';

/** A port on 127.0.0.1 that was free a moment ago and refuses connections now (checked). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => {
    server.close(() => {
      done();
    });
  });
  const refused = await new Promise<boolean>((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => {
      done(true);
    });
  });
  if (!refused) throw new Error(`port ${port} on 127.0.0.1 accepts connections`);
  return port;
}

/** What the answering endpoint saw of one run. */
export interface Arrival {
  /** performance.now() when the first request's headers arrived. */
  readonly at: number;
  /** e.g. `ecs:DescribeServices` (from x-amz-target or the query Action). */
  readonly operation: string;
}

/** An endpoint that answers AccessDenied and remembers the first request since `reset()`. */
export interface DenyingEndpoint {
  readonly url: string;
  reset(): void;
  first(): Arrival | undefined;
  /** Every request since `reset()`. */
  count(): number;
  close(): Promise<void>;
}

function operationOf(req: IncomingMessage, body: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const [prefix = '', op = ''] = target.split('.');
    const service = prefix.startsWith('AmazonEC2ContainerServiceV')
      ? 'ecs'
      : prefix.startsWith('AmazonEC2ContainerRegistry')
        ? 'ecr'
        : prefix;
    return `${service}:${op}`;
  }
  const action = new URLSearchParams(body).get('Action');
  const scope = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '');
  return `${scope?.[1] ?? 'query'}:${action ?? req.method ?? '?'}`;
}

/** Starts the denying endpoint (stopped at the end of the bench). */
export async function startDenyingEndpoint(): Promise<DenyingEndpoint> {
  let first: Arrival | undefined;
  let count = 0;
  const server: Server = createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      count += 1;
      first ??= { at, operation: operationOf(req, body) };
      const json = (req.headers['content-type'] ?? '').includes('json');
      if (json) {
        res.writeHead(400, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': 'bench',
          'x-amzn-errortype': 'AccessDeniedException',
        });
        res.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'bench: denied' }));
      } else {
        res.writeHead(403, { 'content-type': 'text/xml', 'x-amzn-requestid': 'bench' });
        res.end(
          '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>' +
            '<Message>bench: denied</Message></Error><RequestId>bench</RequestId></ErrorResponse>',
        );
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const close = onCleanup('denying endpoint', async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => {
      server.close(() => {
        done();
      });
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    reset: () => {
      first = undefined;
      count = 0;
    },
    first: () => first,
    count: () => count,
    close,
  };
}
