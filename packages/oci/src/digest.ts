import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** A content digest in the form `sha256:<64 hex>`; the only algorithm registries require. */
export type Digest = `sha256:${string}`;

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

/** True when `value` is a well-formed sha256 digest. */
export function isDigest(value: string): value is Digest {
  return DIGEST_RE.test(value);
}

/** Validates a digest string, throwing a message that names the bad value. */
export function parseDigest(value: string): Digest {
  if (!isDigest(value)) {
    throw new TypeError(`not a sha256 digest: '${value}' (expected sha256:<64 lowercase hex>)`);
  }
  return value;
}

/** The hex part of a digest (what OCI layouts use as the blob file name). */
export function digestHex(digest: Digest): string {
  return digest.slice('sha256:'.length);
}

/** sha256 over the exact bytes given. */
export function sha256Digest(bytes: Uint8Array | string): Digest {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Digest and byte count of a stream, consumed chunk by chunk (never buffered whole). */
export async function digestStream(stream: Readable): Promise<{ digest: Digest; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { digest: `sha256:${hash.digest('hex')}`, size };
}

/** Digest and size of a file, read as a stream. */
export async function digestFile(path: string): Promise<{ digest: Digest; size: number }> {
  return digestStream(createReadStream(path));
}
