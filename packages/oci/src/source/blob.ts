import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/** Bytes to push: re-openable (every retry reads afresh) and range-addressable (chunks). */
export interface BlobSource {
  readonly size: number;
  /** A fresh stream over bytes [start, end) of the blob; defaults to all of it. */
  open(start?: number, end?: number): Readable;
}

/** A blob held in memory (manifests, configs, test layers). */
export function bufferBlob(bytes: Buffer): BlobSource {
  return {
    size: bytes.length,
    open: (start = 0, end = bytes.length) => Readable.from([bytes.subarray(start, end)]),
  };
}

/** A blob stored in a file at [offset, offset + size): a plain file, or an entry in a tar. */
export function fileBlob(path: string, size: number, offset = 0): BlobSource {
  return {
    size,
    open: (start = 0, end = size) => {
      // createReadStream's `end` is inclusive and cannot express an empty range.
      if (end <= start) return Readable.from([]);
      return createReadStream(path, { start: offset + start, end: offset + end - 1 });
    },
  };
}

/** Reads a whole (small) blob into memory. */
export async function readBlob(blob: BlobSource): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of blob.open() as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
