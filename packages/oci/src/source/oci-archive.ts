import { posix } from 'node:path';
import { ImageSourceError } from '../errors.js';
import { indexTar, openFileAccess, type TarEntry } from '../tar/reader.js';
import { fileBlob, type BlobSource } from './blob.js';
import { ociTreeSource, type SelectOptions } from './oci-tree.js';
import type { ImageSource } from './types.js';

/** Indexes a tar file once; entries are then read straight from their byte ranges. */
export async function indexTarFile(path: string): Promise<Map<string, TarEntry>> {
  const access = await openFileAccess(path);
  try {
    const magic = await access.read(0, 2);
    if (magic[0] === 0x1f && magic[1] === 0x8b) {
      throw new ImageSourceError(`${path} is gzip-compressed; decompress it first`);
    }
    return await indexTar(access);
  } finally {
    await access.close();
  }
}

/** Where a link entry points, as an archive path (symlinks are relative to their directory). */
export function linkTarget(entry: TarEntry): string {
  const target =
    entry.type === 'symlink'
      ? posix.join(posix.dirname(entry.name), entry.linkname)
      : entry.linkname;
  return posix
    .normalize(target)
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '');
}

/** A file of a tar archive as a BlobSource, following hard links and symlinks. */
export function tarFile(
  path: string,
  entries: ReadonlyMap<string, TarEntry>,
  name: string,
): BlobSource | undefined {
  let entry = entries.get(name);
  for (let hops = 0; entry && entry.type !== 'file' && hops < 8; hops++) {
    if (entry.type !== 'hardlink' && entry.type !== 'symlink') return undefined;
    entry = entries.get(linkTarget(entry));
  }
  return entry?.type === 'file' ? fileBlob(path, entry.size, entry.dataOffset) : undefined;
}

/** Reads an image from an OCI archive (the tar form of an OCI layout). */
export async function openOciArchive(
  path: string,
  options: SelectOptions = {},
): Promise<ImageSource> {
  const entries = await indexTarFile(path);
  return ociTreeSource(
    {
      file: (name) => Promise.resolve(tarFile(path, entries, name)),
      close: () => Promise.resolve(),
    },
    options,
  );
}
