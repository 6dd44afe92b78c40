import { stat } from 'node:fs/promises';
import { ImageSourceError } from '../errors.js';
import { indexTarFile } from './oci-archive.js';
import { openDockerArchive, type DockerArchiveOptions } from './docker-archive.js';
import { openOciArchive } from './oci-archive.js';
import { openOciLayout } from './layout.js';
import type { SelectOptions } from './oci-tree.js';
import type { ImageSource } from './types.js';

/** The formats an image can be read from. */
export type ImageFormat = 'oci-layout' | 'oci-archive' | 'docker-archive';

/** Guesses the format: a directory is a layout; a tar with oci-layout is an OCI archive. */
export async function detectImageFormat(path: string): Promise<ImageFormat> {
  const info = await stat(path);
  if (info.isDirectory()) return 'oci-layout';
  const entries = await indexTarFile(path);
  // `docker save` from Docker 25+ writes both; prefer OCI, which keeps the original digests.
  if (entries.has('oci-layout') && entries.has('index.json')) return 'oci-archive';
  if (entries.has('manifest.json')) return 'docker-archive';
  throw new ImageSourceError(`${path} is neither an OCI archive nor a docker archive`);
}

/** Opens an image in any supported format (detected when not given). */
export async function openImage(
  path: string,
  options: SelectOptions & DockerArchiveOptions & { format?: ImageFormat } = {},
): Promise<ImageSource> {
  const format = options.format ?? (await detectImageFormat(path));
  switch (format) {
    case 'oci-layout':
      return openOciLayout(path, options);
    case 'oci-archive':
      return openOciArchive(path, options);
    case 'docker-archive':
      return openDockerArchive(path, options);
  }
}
