import { ActionError, type Logger } from '@ecs-deploy/action-kit';
import { AwsError, type EcrApi } from '@ecs-deploy/aws';
import type { PushInputs } from './inputs.js';

/** The repository as ECR describes it. */
export interface RepositoryInfo {
  readonly registryId: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com`; used in-job only, never output between jobs. */
  readonly host: string;
  readonly immutable: boolean;
}

/** Finds the repository, creating it when asked to; a missing one is an error that says how to fix it. */
export async function ensureRepository(
  ecr: EcrApi,
  inputs: PushInputs,
  log: Logger,
): Promise<RepositoryInfo> {
  const { repository, registryId } = inputs;
  let missing: AwsError | undefined;
  try {
    const answer = await ecr.describeRepositories({ registryId, repositoryNames: [repository] });
    const found = answer.repositories?.[0];
    if (found !== undefined) return infoOf(found);
  } catch (error) {
    if (!(error instanceof AwsError && error.code === 'RepositoryNotFoundException')) throw error;
    missing = error;
  }
  if (!inputs.createRepository) {
    // ECR's answer, explained by the input (and the create-repository remedy) in main.ts's wiring.
    if (missing?.explanation !== undefined) throw missing;
    throw new ActionError(
      `ECR repository '${repository}' does not exist${registryId === undefined ? '' : ` in registry ${registryId}`}.`,
      'Create it (Terraform/CDK/console), or set `create-repository: true` to let this action create it.',
    );
  }
  const created = await ecr.createRepository({
    registryId,
    repositoryName: repository,
    imageTagMutability: inputs.mutability,
    imageScanningConfiguration: { scanOnPush: inputs.scanOnPush },
  });
  log.info(
    `created ECR repository ${repository} (${inputs.mutability}, scan on push ${inputs.scanOnPush ? 'on' : 'off'})`,
  );
  if (created.repository === undefined)
    throw new ActionError(`CreateRepository for '${repository}' returned no repository.`);
  return infoOf(created.repository);
}

function infoOf(repository: {
  registryId?: string;
  repositoryUri?: string;
  imageTagMutability?: string;
}): RepositoryInfo {
  const uri = repository.repositoryUri ?? '';
  return {
    registryId: repository.registryId ?? '',
    host: uri.slice(0, uri.indexOf('/')),
    immutable: (repository.imageTagMutability ?? 'MUTABLE').startsWith('IMMUTABLE'),
  };
}
