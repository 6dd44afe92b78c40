/**
 * The AWS partitions and their DNS suffixes, most specific first (the `aws` pattern also matches
 * `us-gov-…` and `us-iso-…`), as the AWS SDK's partitions table has them
 * (@aws-sdk/core, util-endpoints partitions.js: `regionRegex` and `outputs.dnsSuffix`).
 */
const PARTITIONS: readonly { id: string; region: RegExp; suffix: string }[] = [
  { id: 'aws-cn', region: /^cn-\w+-\d+$/, suffix: 'amazonaws.com.cn' },
  { id: 'aws-us-gov', region: /^us-gov-\w+-\d+$/, suffix: 'amazonaws.com' },
  { id: 'aws-iso', region: /^us-iso-\w+-\d+$/, suffix: 'c2s.ic.gov' },
  { id: 'aws-iso-b', region: /^us-isob-\w+-\d+$/, suffix: 'sc2s.sgov.gov' },
  { id: 'aws-iso-f', region: /^us-isof-\w+-\d+$/, suffix: 'csp.hci.ic.gov' },
  { id: 'aws-iso-e', region: /^eu-isoe-\w+-\d+$/, suffix: 'cloud.adc-e.uk' },
  { id: 'aws-eusc', region: /^eusc-de-\w+-\d+$/, suffix: 'amazonaws.eu' },
  { id: 'aws', region: /^(?:us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, suffix: 'amazonaws.com' },
];

/** The partition of a region (`aws`, `aws-cn`, `aws-us-gov`, …), or undefined for no known one. */
export function partitionOf(region: string): string | undefined {
  return PARTITIONS.find((p) => p.region.test(region))?.id;
}

/** Host name of a private ECR registry: `<account>.dkr.ecr.<region>.<partition's DNS suffix>`. */
export function ecrRegistryHost(accountId: string, region: string): string {
  if (!/^\d{12}$/.test(accountId)) throw new Error(`"${accountId}" is not a 12-digit account id`);
  const partition = PARTITIONS.find((p) => p.region.test(region));
  if (partition === undefined) throw new Error(`"${region}" is not an AWS region`);
  return `${accountId}.dkr.ecr.${region}.${partition.suffix}`;
}

const SUFFIXES = [...new Set(PARTITIONS.map((p) => p.suffix.replace(/\./g, '\\.')))].join('|');
const ECR_HOST = new RegExp(`^(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.(?:${SUFFIXES})$`);

/**
 * Account, region and partition of an ECR registry host (of any partition), or undefined for any
 * other host.
 */
export function parseEcrHost(
  host: string,
): { accountId: string; region: string; partition?: string } | undefined {
  const match = ECR_HOST.exec(host);
  if (match === null) return undefined;
  const region = match[2] ?? '';
  const partition = partitionOf(region);
  return { accountId: match[1] ?? '', region, ...(partition === undefined ? {} : { partition }) };
}

/**
 * What in `value` must not travel between jobs, or undefined when nothing: a 12-digit run (an AWS
 * account id, which teams often store as a secret) or an ECR registry host. The runner drops any
 * job output that contains a masked value, so such a value silently arrives empty downstream.
 */
export function secretBearingReason(value: string): string | undefined {
  if (/dkr\.ecr[.-]|\.amazonaws\.com/i.test(value)) return 'an ECR registry host';
  if (/\d{12,}/.test(value)) return 'a run of 12 or more digits, which may be an AWS account id';
  return undefined;
}
