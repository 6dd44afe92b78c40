import { createHash } from 'node:crypto';
import { ActionError } from '@ecs-deploy/action-kit';
import type { EcrApi } from '@ecs-deploy/aws';
import { MANIFEST_TYPES } from './tags.js';

/**
 * Reads the image back from ECR and checks what later jobs will rely on: the manifest's sha256 is
 * the digest, and every tag resolves to it. Registries and proxies have been known to rewrite
 * manifests; a deploy pinned to a digest that does not exist fails much later and less clearly.
 */
export async function verifyPushed(
  ecr: EcrApi,
  repositoryName: string,
  registryId: string,
  digest: string,
  tags: readonly string[],
): Promise<void> {
  const answer = await ecr.batchGetImage({
    registryId,
    repositoryName,
    imageIds: [{ imageDigest: digest }, ...tags.map((imageTag) => ({ imageTag }))],
    acceptedMediaTypes: MANIFEST_TYPES,
  });
  const images = answer.images ?? [];
  const byDigest =
    images.find(
      (image) => image.imageId?.imageTag === undefined && image.imageId?.imageDigest === digest,
    ) ?? images.find((image) => image.imageId?.imageDigest === digest);
  const problems: string[] = [];
  if (byDigest?.imageManifest === undefined) {
    problems.push(`${digest} is not in the repository`);
  } else {
    const actual = `sha256:${createHash('sha256').update(byDigest.imageManifest, 'utf8').digest('hex')}`;
    if (actual !== digest)
      problems.push(`the manifest ECR returns for ${digest} hashes to ${actual}`);
  }
  for (const tag of tags) {
    const image = images.find((i) => i.imageId?.imageTag === tag);
    const onDigest = image?.imageId?.imageDigest;
    if (onDigest !== digest) problems.push(`tag '${tag}' resolves to ${onDigest ?? 'nothing'}`);
  }
  for (const failure of answer.failures ?? []) {
    const id = failure.imageId?.imageTag ?? failure.imageId?.imageDigest ?? '?';
    problems.push(`${id}: ${failure.failureCode ?? ''} ${failure.failureReason ?? ''}`.trim());
  }
  if (problems.length > 0) {
    throw new ActionError(
      `Verification of the push to '${repositoryName}' failed: ${[...new Set(problems)].join('; ')}.`,
      'Nothing downstream should use this digest. Re-run the push; if it repeats, check for a proxy or registry policy that rewrites manifests.',
    );
  }
}
