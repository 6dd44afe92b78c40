import type { Descriptor } from '../manifest.js';
import type { BlobSource } from './blob.js';

/**
 * An image to push, wherever it lives (OCI layout directory, OCI archive, docker-archive):
 * a root descriptor (image manifest or index) and content-addressed access to everything below.
 */
export interface ImageSource {
  /** The manifest or index that names the image; its digest is what a push reports. */
  readonly root: Descriptor;
  /** Fully reads a small document (manifest, index, config), verified against the descriptor. */
  readDocument(descriptor: Descriptor): Promise<Buffer>;
  /** Locates a blob for streaming; throws ImageSourceError when the source lacks it. */
  openBlob(descriptor: Descriptor): Promise<BlobSource>;
  /** Releases files and temporary storage the source holds. */
  close(): Promise<void>;
}
