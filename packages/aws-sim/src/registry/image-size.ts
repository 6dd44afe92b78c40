import { isIndexMediaType, manifestReferences } from '@ecs-deploy/oci';

/**
 * DescribeImages' imageSizeInBytes: manifest bytes plus its layers; for an index, plus the
 * largest child (ECR reports the max of the children). `childSize` sizes a child manifest.
 */
export function imageSize(
  body: Buffer,
  mediaType: string,
  childSize: (digest: string) => number | undefined,
): number {
  try {
    const refs = manifestReferences(body, mediaType);
    if (isIndexMediaType(mediaType) || refs.kind === 'index') {
      const sizes = refs.manifests.map((m) => childSize(m.digest) ?? m.size);
      return body.length + Math.max(0, ...sizes);
    }
    // blobs[0] is the config; ECR counts the layers.
    return body.length + refs.blobs.slice(1).reduce((sum, b) => sum + b.size, 0);
  } catch {
    return body.length;
  }
}
