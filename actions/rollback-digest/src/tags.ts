import type { Tag } from '@ecs-deploy/task-definition';
import type { DigestMap } from './versions.js';

/** What the registered revision's tags record. */
export interface TagContext {
  /** The live definition's own tags; ours replace any `ecs-deploy:` ones it carried. */
  readonly liveTags: readonly Tag[];
  /** The live task definition ARN (rolled back from). */
  readonly fromArn: string;
  /** The service deployment whose digests were chosen, when one was. */
  readonly toDeploymentArn?: string;
  readonly digests: DigestMap;
  readonly extra: ReadonlyMap<string, string>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const PREFIX = 'ecs-deploy:';
const MAX_KEY = 128;
const MAX_VALUE = 256;

/** Tag values allow letters, digits, spaces and `_ . : / = + - @`; anything else becomes `_`. */
function clean(value: string): string {
  return value.replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, '_').slice(0, MAX_VALUE);
}

function familyRevision(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** The tags for the revision a rollback registers, so a human can trace it back. */
export function rollbackTags(ctx: TagContext): Tag[] {
  const tags = new Map<string, string>();
  for (const tag of ctx.liveTags) if (!tag.key.startsWith(PREFIX)) tags.set(tag.key, tag.value);
  tags.set(`${PREFIX}rollback-from`, familyRevision(ctx.fromArn));
  tags.set(`${PREFIX}rollback-to`, ctx.toDeploymentArn ?? 'explicit digest');
  for (const [name, digest] of Object.entries(ctx.digests)) {
    const key = `${PREFIX}digest:${name}`;
    if (key.length <= MAX_KEY) tags.set(key, digest);
  }
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_SHA, GITHUB_ACTOR } = ctx.env;
  if (GITHUB_REPOSITORY !== undefined && GITHUB_RUN_ID !== undefined)
    tags.set(
      `${PREFIX}run`,
      `${GITHUB_SERVER_URL ?? 'https://github.com'}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`,
    );
  if (GITHUB_SHA !== undefined) tags.set(`${PREFIX}commit`, GITHUB_SHA);
  if (GITHUB_ACTOR !== undefined) tags.set(`${PREFIX}actor`, GITHUB_ACTOR);
  for (const [key, value] of ctx.extra) tags.set(key, value);
  return [...tags].map(([key, value]) => ({ key: key.slice(0, MAX_KEY), value: clean(value) }));
}
