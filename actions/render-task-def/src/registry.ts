import { InputError } from '@ecs-deploy/action-kit';
import { ecrRegistryHost, parseEcrHost, partitionOf } from '@ecs-deploy/image-ref';
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

/** How to tell the job's account, when the job has credentials to ask STS. */
export type AccountLookup = (() => Promise<string>) | undefined;

/**
 * One rule for an ECR registry host given to this job, wherever it is written (`registry`,
 * `repository`, or a full reference in `image`/`containers`): it must be in the job's region
 * (AWS_REGION), and so in its partition, and, when the job has credentials, in its account;
 * otherwise it is refused unless allow-foreign-registry. Hosts that are not ECR are not checked.
 */
export async function checkRegistryHost(
  input: string,
  host: string,
  allowForeign: boolean,
  region: string | undefined,
  account: AccountLookup,
  where = '',
): Promise<void> {
  const ecr = parseEcrHost(host);
  if (ecr === undefined || allowForeign) return;
  const subject = where === '' ? 'is' : `${where} is`;
  if (region !== undefined && region !== '' && ecr.region !== region) {
    const jobPartition = partitionOf(region);
    const hostPartition = ecr.partition;
    const otherPartition =
      hostPartition !== undefined && jobPartition !== undefined && hostPartition !== jobPartition;
    throw new InputError(
      input,
      otherPartition
        ? `${subject} in region ${ecr.region} of partition ${hostPartition}, but this job runs in ${region} (AWS_REGION) of partition ${jobPartition}; IAM credentials do not cross partitions, so ECS cannot pull it`
        : `${subject} in region ${ecr.region}, but this job runs in ${region} (AWS_REGION)`,
      `an ECR registry host of region ${region}`,
      FOREIGN_HINT,
    );
  }
  if (account !== undefined) {
    const mine = await account();
    if (mine !== '' && mine !== ecr.accountId) {
      throw new InputError(
        input,
        `${where === '' ? 'belongs' : `${where} belongs`} to account ${ecr.accountId}, but this job runs in account ${mine}`,
        `an ECR registry host of account ${mine}`,
        FOREIGN_HINT,
      );
    }
  }
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
    const account =
      sts === undefined ? undefined : async () => (await sts().callerIdentity()).account;
    await checkRegistryHost('registry', given, allowForeign, region, account);
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
