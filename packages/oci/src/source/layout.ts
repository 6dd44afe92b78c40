import { stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { fileBlob } from './blob.js';
import { ociTreeSource, type SelectOptions } from './oci-tree.js';
import type { ImageSource } from './types.js';

/** Reads an image from an OCI layout directory (buildx `type=oci,tar=false`, skopeo `oci:`). */
export async function openOciLayout(
  dir: string,
  options: SelectOptions = {},
): Promise<ImageSource> {
  return ociTreeSource(
    {
      async file(path) {
        const full = join(dir, normalize(path));
        try {
          const info = await stat(full);
          return info.isFile() ? fileBlob(full, info.size) : undefined;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw err;
        }
      },
      close: () => Promise.resolve(),
    },
    options,
  );
}
