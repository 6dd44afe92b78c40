import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuiltImage } from './builder.js';
import { digestHex, sha256Digest } from './digest.js';
import { ImageSourceError } from './errors.js';
import { writeTar, type TarWriteEntry } from './tar/writer.js';

const REF_NAME = 'org.opencontainers.image.ref.name';

function layoutFiles(image: BuiltImage, refName?: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  files.set('oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })));
  const root =
    refName === undefined ? image.root : { ...image.root, annotations: { [REF_NAME]: refName } };
  files.set('index.json', Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [root] })));
  for (const [digest, bytes] of image.blobs) files.set(`blobs/sha256/${digestHex(digest)}`, bytes);
  return files;
}

/** Writes an OCI layout directory (what buildx `--output type=oci,tar=false` produces). */
export async function writeOciLayout(
  dir: string,
  image: BuiltImage,
  refName?: string,
): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  for (const [path, bytes] of layoutFiles(image, refName)) await writeFile(join(dir, path), bytes);
}

/** The tar form of the layout (an OCI archive). */
export function ociArchiveBytes(image: BuiltImage, refName?: string): Buffer {
  const entries: TarWriteEntry[] = [
    { name: 'blobs', type: 'directory' },
    { name: 'blobs/sha256', type: 'directory' },
  ];
  for (const [name, data] of layoutFiles(image, refName)) entries.push({ name, data });
  return writeTar(entries);
}

/** A classic `docker save` archive (manifest.json, `<id>.json`, `<id>/layer.tar`). */
export function dockerArchiveBytes(image: BuiltImage, repoTag?: string): Buffer {
  const only = image.images[0];
  if (image.images.length !== 1 || only === undefined) {
    throw new ImageSourceError('a docker archive holds single-platform images only');
  }
  const configName = `${digestHex(sha256Digest(only.config))}.json`;
  const entries: TarWriteEntry[] = [{ name: configName, data: only.config }];
  const layers = only.layerTars.map((tar) => {
    const id = digestHex(sha256Digest(tar));
    entries.push({ name: id, type: 'directory' }, { name: `${id}/layer.tar`, data: tar });
    return `${id}/layer.tar`;
  });
  const manifest = [{ Config: configName, RepoTags: repoTag ? [repoTag] : null, Layers: layers }];
  entries.unshift({ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) });
  return writeTar(entries);
}
