import { Transform, type Readable } from 'node:stream';
import { contentRange, uploadedBytes, uploadStrategy } from '../chunks.js';
import type { Digest } from '../digest.js';
import { RegistryHttpError } from '../errors.js';
import { isRetryable, retryDelay } from '../retry.js';
import type { BlobSource } from '../source/blob.js';
import type { RegistryClient } from './registry-client.js';
import { withQuery } from './url.js';

/** Bytes of one blob confirmed or in flight, for progress logs. */
export interface BlobProgress {
  readonly digest: Digest;
  readonly pushedBytes: number;
  readonly totalBytes: number;
}

/** How a blob got into the repository. */
export type BlobOutcome = 'exists' | 'mounted' | 'uploaded';

/** Options of one blob upload. */
export interface UploadBlobOptions {
  /** Try a cross-repository mount from this repository first. */
  readonly mountFrom?: string;
  readonly onProgress?: (progress: BlobProgress) => void;
  /** Skip the HEAD check (the caller already knows the blob is absent). */
  readonly skipExistsCheck?: boolean;
}

function counted(stream: Readable, onBytes: (n: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  stream.on('error', (err) => counter.destroy(err));
  return stream.pipe(counter);
}

/**
 * Uploads one blob: HEAD (skip if present), optional mount, then a monolithic POST+PUT or a
 * chunked POST, PATCH…, PUT. A failed PATCH is followed by a status GET that says how many
 * bytes the registry kept, and the upload resumes there; if the session is gone (or the
 * registry refuses the resume), the upload restarts from a fresh POST. All failures of one blob
 * share the client's retry budget.
 */
export async function uploadBlob(
  client: RegistryClient,
  repository: string,
  digest: Digest,
  blob: BlobSource,
  options: UploadBlobOptions = {},
): Promise<BlobOutcome> {
  const report = (pushedBytes: number): void =>
    options.onProgress?.({ digest, pushedBytes, totalBytes: blob.size });
  if (!options.skipExistsCheck && (await client.blobSize(repository, digest)) !== undefined) {
    report(blob.size);
    return 'exists';
  }
  const uploadsUrl = client.repoUrl(repository, 'blobs/uploads/');
  let failures = 0;
  const failed = async (err: unknown): Promise<void> => {
    failures++;
    if (!isRetryable(err) || failures >= client.retry.maxAttempts) throw err;
    await client.sleep(retryDelay(client.retry, failures));
  };

  let location: string | undefined;
  let offset = 0;
  if (options.mountFrom !== undefined && options.mountFrom !== repository) {
    const url = withQuery(withQuery(uploadsUrl, 'mount', digest), 'from', options.mountFrom);
    const res = await client.withRetry(() =>
      client.send({ method: 'POST', url, repository, expect: [201, 202] }),
    );
    res.body.resume();
    if (res.status === 201) {
      report(blob.size);
      return 'mounted';
    }
    location = client.location(res, url); // not mountable: the registry opened an upload instead
  }

  const strategy = uploadStrategy(blob.size, client.chunkThreshold);
  for (;;) {
    try {
      if (location === undefined) {
        const res = await client.send({
          method: 'POST',
          url: uploadsUrl,
          repository,
          expect: [202],
        });
        res.body.resume();
        location = client.location(res, uploadsUrl);
        offset = 0;
      }
      if (strategy === 'monolithic') {
        await finish(client, repository, location, digest, blob, 0, report);
        return 'uploaded';
      }
      while (offset < blob.size) {
        const end = Math.min(blob.size, offset + client.chunkSize);
        const start = offset;
        let sent = 0;
        const res = await client.send({
          method: 'PATCH',
          url: location,
          repository,
          headers: {
            'content-type': 'application/octet-stream',
            'content-range': contentRange({ start, end }),
          },
          body: {
            length: end - start,
            open: () => {
              sent = 0;
              return counted(blob.open(start, end), (n) => {
                report(start + (sent += n));
              });
            },
          },
          expect: [202, 204],
        });
        res.body.resume();
        location = client.location(res, location);
        offset = uploadedBytes(res.headers.range) ?? end;
        report(offset);
      }
      await finish(client, repository, location, digest, undefined, offset, report);
      return 'uploaded';
    } catch (err) {
      await failed(err);
      if (strategy === 'monolithic' || location === undefined) {
        location = undefined;
        continue;
      }
      const resumed = await uploadStatus(client, repository, location);
      if (resumed === undefined) {
        // The finishing PUT may have landed before the failure: then there is nothing to redo.
        if ((await client.blobSize(repository, digest)) !== undefined) return 'uploaded';
        location = undefined;
      } else {
        ({ location, offset } = resumed);
        report(offset);
      }
    }
  }
}

async function finish(
  client: RegistryClient,
  repository: string,
  location: string,
  digest: Digest,
  blob: BlobSource | undefined,
  offset: number,
  report: (n: number) => void,
): Promise<void> {
  let pushed = offset;
  const res = await client.send({
    method: 'PUT',
    url: withQuery(location, 'digest', digest),
    repository,
    headers: { 'content-type': 'application/octet-stream' },
    body:
      blob === undefined
        ? Buffer.alloc(0)
        : {
            length: blob.size,
            open: () =>
              counted(blob.open(), (n) => {
                report((pushed += n));
              }),
          },
    expect: [201, 204],
  });
  res.body.resume();
  const echoed = res.headers['docker-content-digest'];
  if (echoed !== undefined && echoed !== digest) {
    throw new RegistryHttpError('PUT', location, res.status, [
      { code: 'DIGEST_INVALID', message: `registry stored ${echoed}, expected ${digest}` },
    ]);
  }
}

/** Where an interrupted upload stands; undefined when the session is gone or unreadable. */
async function uploadStatus(
  client: RegistryClient,
  repository: string,
  location: string,
): Promise<{ location: string; offset: number } | undefined> {
  try {
    const res = await client.send({ method: 'GET', url: location, repository, expect: [204] });
    res.body.resume();
    const offset = uploadedBytes(res.headers.range);
    if (offset === undefined) return undefined;
    return { location: res.headers.location ? client.location(res, location) : location, offset };
  } catch {
    return undefined;
  }
}
