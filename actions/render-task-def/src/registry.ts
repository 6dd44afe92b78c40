import { InputError } from '@ecs-deploy/action-kit';
import { ecrRegistryHost, parseEcrHost } from '@ecs-deploy/image-ref';
import type { StsApi } from '@ecs-deploy/aws';

const FOREIGN_HINT =
  'If the registry really is a shared one in another account or region (with cross-account pull permissions), set allow-foreign-registry: true.';

/** Whether the step has AWS credentials to ask STS with (a PR check may have none). */
export function hasCredentials(env: Readonly<Record<string, string | undefined>>): boolean {
  return [
    'AWS_ACCESS_KEY_ID',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_PROFILE',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  ].some((name) => (env[name] ?? '') !== '');
}

/**
 * The registry host for bare digests: the `registry` input, checked against the job's region and
 * (when there are credentials) account; else derived from STS and the region.
 */
export async function registryHost(
  given: string | undefined,
  allowForeign: boolean,
  region: string | undefined,
  sts: (() => StsApi) | undefined,
): Promise<string> {
  if (given !== undefined) {
    const ecr = parseEcrHost(given);
    if (ecr === undefined || allowForeign) return given;
    if (region !== undefined && region !== '' && ecr.region !== region) {
      throw new InputError(
        'registry',
        `is in region ${ecr.region}, but this job runs in ${region} (AWS_REGION)`,
        `an ECR registry host of region ${region}`,
        FOREIGN_HINT,
      );
    }
    if (sts !== undefined) {
      const { account } = await sts().callerIdentity();
      if (account !== '' && account !== ecr.accountId) {
        throw new InputError(
          'registry',
          `belongs to account ${ecr.accountId}, but this job runs in account ${account}`,
          `an ECR registry host of account ${account}`,
          FOREIGN_HINT,
        );
      }
    }
    return given;
  }
  if (sts === undefined || region === undefined || region === '') {
    throw new InputError(
      'registry',
      'is empty and cannot be derived (no AWS credentials or region in this job)',
      'a registry host such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      'Set registry, or add aws-actions/configure-aws-credentials before this step.',
    );
  }
  const { account } = await sts().callerIdentity();
  return ecrRegistryHost(account, region);
}
