/** A byte range [start, end) of a blob, sent as one PATCH. */
export interface ChunkRange {
  readonly start: number;
  readonly end: number;
}

/** Splits `size` bytes, starting at `from`, into ranges of at most `chunkSize` bytes. */
export function planChunks(size: number, chunkSize: number, from = 0): ChunkRange[] {
  if (!Number.isSafeInteger(chunkSize) || chunkSize <= 0) {
    throw new RangeError(`chunk size must be a positive integer, got ${chunkSize}`);
  }
  const chunks: ChunkRange[] = [];
  for (let start = from; start < size; start += chunkSize) {
    chunks.push({ start, end: Math.min(size, start + chunkSize) });
  }
  return chunks;
}

/** Monolithic (one PUT) up to the threshold, chunked (PATCHes) above it. */
export function uploadStrategy(size: number, threshold: number): 'monolithic' | 'chunked' {
  return size > threshold ? 'chunked' : 'monolithic';
}

/** `Content-Range` of a PATCH: inclusive byte positions, no unit (what distribution parses). */
export function contentRange(range: ChunkRange): string {
  return `${range.start}-${range.end - 1}`;
}

/**
 * Bytes the registry holds for an upload, from its `Range: 0-<last>` header. Distribution
 * reports `0-0` for both 0 and 1 bytes; reading it as 0 is safe: resending a byte the registry
 * has yields 416, after which the upload restarts.
 */
export function uploadedBytes(range: string | undefined): number | undefined {
  if (range === undefined) return undefined;
  const match = /^(?:bytes=)?0-(\d+)$/.exec(range.trim());
  if (!match?.[1]) return undefined;
  const last = Number(match[1]);
  return last === 0 ? 0 : last + 1;
}
