import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { digestStream, sha256Digest, type Digest } from '../digest.js';
import { ImageSourceError } from '../errors.js';
import type { Descriptor } from '../manifest.js';
import { MediaType } from '../media-types.js';
import { bufferBlob, fileBlob, readBlob, type BlobSource } from './blob.js';
import { indexTarFile, tarFile } from './oci-archive.js';
import type { ImageSource } from './types.js';

/** Options for reading a `docker save` archive. */
export interface DockerArchiveOptions {
  /** Which image of a multi-image archive, by one of its RepoTags; default: the only one. */
  readonly repoTag?: string;
  /** gzip uncompressed layers (as `docker push` does) into a temp dir; default true. */
  readonly compressLayers?: boolean;
}

interface SaveEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

function chooseEntry(entries: SaveEntry[], repoTag: string | undefined): SaveEntry {
  const match =
    repoTag === undefined ? entries : entries.filter((e) => e.RepoTags?.includes(repoTag));
  if (match.length !== 1 || match[0] === undefined) {
    throw new ImageSourceError(
      repoTag === undefined
        ? `archive holds ${entries.length} images; choose one with repoTag`
        : `archive has no single image tagged '${repoTag}'`,
    );
  }
  return match[0];
}

async function gzipToFile(
  blob: BlobSource,
  path: string,
): Promise<{ digest: Digest; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(blob.open(), createGzip(), tap, createWriteStream(path));
  return { digest: `sha256:${hash.digest('hex')}`, size };
}

/**
 * Reads a `docker save` archive and presents it as a Docker schema-2 image: the config blob as
 * is, each layer compressed (or not) with its digest computed over the bytes that will be pushed.
 */
export async function openDockerArchive(
  path: string,
  options: DockerArchiveOptions = {},
): Promise<ImageSource> {
  const entries = await indexTarFile(path);
  const need = (name: string): BlobSource => {
    const file = tarFile(path, entries, name);
    if (file === undefined) throw new ImageSourceError(`docker archive lacks '${name}'`);
    return file;
  };
  const saved = JSON.parse((await readBlob(need('manifest.json'))).toString('utf8')) as SaveEntry[];
  const entry = chooseEntry(saved, options.repoTag);
  const blobs = new Map<Digest, BlobSource>();
  const config = await readBlob(need(entry.Config));
  const configDescriptor: Descriptor = {
    mediaType: MediaType.dockerConfig,
    digest: sha256Digest(config),
    size: config.length,
  };
  blobs.set(configDescriptor.digest, bufferBlob(config));
  const tempDir = await mkdtemp(join(tmpdir(), 'oci-docker-archive-'));
  try {
    const layers: Descriptor[] = [];
    for (const [i, name] of entry.Layers.entries()) {
      const raw = need(name);
      const magic = await readBlob({ size: 2, open: () => raw.open(0, Math.min(2, raw.size)) });
      const gzipped = magic[0] === 0x1f && magic[1] === 0x8b;
      let layer: BlobSource = raw;
      let described: { digest: Digest; size: number };
      if (!gzipped && options.compressLayers !== false) {
        const out = join(tempDir, `layer-${i}.tar.gz`);
        described = await gzipToFile(raw, out);
        layer = fileBlob(out, described.size);
      } else {
        described = await digestStream(raw.open());
      }
      const compressed = gzipped || options.compressLayers !== false;
      layers.push({
        mediaType: compressed ? MediaType.dockerLayerGzip : MediaType.dockerLayer,
        ...described,
      });
      blobs.set(described.digest, layer);
    }
    const manifest = Buffer.from(
      JSON.stringify(
        { schemaVersion: 2, mediaType: MediaType.dockerManifest, config: configDescriptor, layers },
        null,
        3,
      ),
    );
    const root: Descriptor = {
      mediaType: MediaType.dockerManifest,
      digest: sha256Digest(manifest),
      size: manifest.length,
    };
    blobs.set(root.digest, bufferBlob(manifest));
    const openBlob = (d: Descriptor): Promise<BlobSource> => {
      const blob = blobs.get(d.digest);
      return blob
        ? Promise.resolve(blob)
        : Promise.reject(new ImageSourceError(`blob ${d.digest} is not part of this image`));
    };
    return {
      root,
      openBlob,
      readDocument: async (d) => readBlob(await openBlob(d)),
      close: () => rm(tempDir, { recursive: true, force: true }),
    };
  } catch (err) {
    await rm(tempDir, { recursive: true, force: true });
    throw err;
  }
}
