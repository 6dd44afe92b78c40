// Distribution API v2 client and OCI image sources: Node built-ins only, so actions can bundle it.
export * from './digest.js';
export * from './errors.js';
export * from './media-types.js';
export * from './manifest.js';
export * from './chunks.js';
export * from './retry.js';
export { mapLimit } from './limit.js';
export {
  parseChallenge,
  basicAuthorization,
  type Credentials,
  type Challenge,
} from './http/auth.js';
export {
  NodeHttpTransport,
  readBody,
  type HttpBody,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  type NodeTransportOptions,
} from './http/transport.js';
export {
  RegistryClient,
  verifyingStream,
  type FetchedManifest,
  type RegistryClientOptions,
} from './client/registry-client.js';
export {
  uploadBlob,
  type BlobOutcome,
  type BlobProgress,
  type UploadBlobOptions,
} from './client/blob-upload.js';
export { registryBaseUrl, registryHost, isTag, assertRepositoryName } from './client/url.js';
export { pushImage, type PushOptions, type PushResult } from './push.js';
export { bufferBlob, fileBlob, readBlob, type BlobSource } from './source/blob.js';
export type { ImageSource } from './source/types.js';
export { openOciLayout } from './source/layout.js';
export { openOciArchive } from './source/oci-archive.js';
export { openDockerArchive, type DockerArchiveOptions } from './source/docker-archive.js';
export { openImage, detectImageFormat, type ImageFormat } from './source/open.js';
export type { SelectOptions } from './source/oci-tree.js';
export {
  buildImage,
  builtImageSource,
  type BuiltImage,
  type BuiltPlatformImage,
  type ImageSpec,
  type LayerFile,
} from './builder.js';
export { writeOciLayout, ociArchiveBytes, dockerArchiveBytes } from './image-writers.js';
export {
  readTarEntries,
  indexTar,
  bufferAccess,
  type TarEntry,
  type RandomAccess,
} from './tar/reader.js';
export { writeTar, type TarWriteEntry } from './tar/writer.js';
