/** Prefix of the tags the actions own on the revisions they register. */
export const TRACE_TAG_PREFIX = 'ecs-deploy:';

/** ECS tag values allow letters, digits, spaces and `_ . : / = + - @`; anything else becomes `_`. */
export function cleanTagValue(value: string): string {
  return value.replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, '_').slice(0, 256);
}

/** `cluster/service` for a cluster and service given by name or ARN. */
export function serviceKey(cluster: string, service: string): string {
  const last = (nameOrArn: string): string => nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1);
  return `${last(cluster)}/${last(service)}`;
}

/**
 * The tags that trace a registered revision back to its commit, workflow run and actor, read
 * from the runner's GITHUB_* variables (absent ones are left out), and to the service it was
 * registered for: families are often shared by environments, and keep-revisions only prunes
 * revisions registered for the service it deploys.
 */
export function traceTags(
  env: Readonly<Record<string, string | undefined>>,
  service?: string,
): Map<string, string> {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_SHA, GITHUB_ACTOR } = env;
  const tags = new Map<string, string>();
  if (service !== undefined) tags.set(`${TRACE_TAG_PREFIX}service`, cleanTagValue(service));
  if (GITHUB_SHA !== undefined && GITHUB_SHA !== '')
    tags.set(`${TRACE_TAG_PREFIX}commit`, GITHUB_SHA);
  if (GITHUB_REPOSITORY !== undefined && GITHUB_RUN_ID !== undefined) {
    tags.set(
      `${TRACE_TAG_PREFIX}run`,
      cleanTagValue(
        `${GITHUB_SERVER_URL ?? 'https://github.com'}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`,
      ),
    );
  }
  if (GITHUB_ACTOR !== undefined && GITHUB_ACTOR !== '')
    tags.set(`${TRACE_TAG_PREFIX}actor`, cleanTagValue(GITHUB_ACTOR));
  return tags;
}
