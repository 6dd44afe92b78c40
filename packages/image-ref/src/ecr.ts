/** Host name of a private ECR registry: `<account>.dkr.ecr.<region>.amazonaws.com`. */
export function ecrRegistryHost(accountId: string, region: string): string {
  if (!/^\d{12}$/.test(accountId)) throw new Error(`"${accountId}" is not a 12-digit account id`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Error(`"${region}" is not an AWS region`);
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${accountId}.dkr.ecr.${region}.${suffix}`;
}

/** Account and region of an ECR registry host, or undefined for any other host. */
export function parseEcrHost(host: string): { accountId: string; region: string } | undefined {
  const match = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(host);
  if (match === null) return undefined;
  return { accountId: match[1] ?? '', region: match[2] ?? '' };
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
