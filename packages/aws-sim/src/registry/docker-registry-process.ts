import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';

/** Where Debian's `docker-registry` package installs the binary. */
export const DEFAULT_DOCKER_REGISTRY_BINARY = '/usr/bin/docker-registry';

/** The registry binary is missing or failed to start; the message says how to fix it. */
export class DockerRegistryUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DockerRegistryUnavailable';
  }
}

/** True when the binary exists and is executable. */
export async function dockerRegistryAvailable(
  binary: string = DEFAULT_DOCKER_REGISTRY_BINARY,
): Promise<boolean> {
  try {
    await access(binary, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A free loopback port (released before use; the caller retries if another process wins). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function probe(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/v2/', method: 'GET', agent: false });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => {
      resolve(undefined);
    });
    req.end();
  });
}

/** A started registry process and the tail of what it printed (for error messages). */
export interface RegistryProcess {
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Spawns `<binary> serve <config>` and resolves once `/v2/` answers (401 or 200); rejects with
 * the process output if it exits first or does not answer within `timeoutMs`.
 */
export async function spawnRegistry(
  binary: string,
  configPath: string,
  port: number,
  timeoutMs: number,
): Promise<RegistryProcess> {
  const child = spawn(binary, ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4096);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const state = { exited: false };
  // If the owner never calls stop() (a crashed test), do not leave a registry behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      state.exited = true;
      process.off('exit', killOnExit);
      resolve();
    });
  });
  child.once('error', (err) => {
    collect(Buffer.from(String(err)));
  });
  const stop = async (): Promise<void> => {
    if (state.exited) return;
    child.kill('SIGTERM');
    // The registry's graceful shutdown is slow and its storage is thrown away: do not wait long.
    const timer = setTimeout(() => child.kill('SIGKILL'), 500);
    await exit;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !state.exited) {
    const status = await probe(port);
    if (status === 401 || status === 200) return { child, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await stop();
  throw new DockerRegistryUnavailable(
    `docker-registry did not become ready on 127.0.0.1:${port}: ${output.trim() || 'no output'}`,
  );
}
