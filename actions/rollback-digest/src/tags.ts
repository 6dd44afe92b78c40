import {
  TRACE_TAG_PREFIX as PREFIX,
  cleanTagValue as clean,
  traceTags,
  type Tag,
} from '@ecs-deploy/task-definition';
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
  /** The commit the target's code came from (its revision's `ecs-deploy:commit`), if known. */
  readonly commit?: string;
  readonly extra: ReadonlyMap<string, string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `cluster/service` (see serviceKey), so keep-revisions knows whose revision this is. */
  readonly service: string;
}

const MAX_KEY = 128;

function familyRevision(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

const COMMIT_TAG = `${PREFIX}commit`;

/** The tag that marks a revision registered by a rollback (mode digest). */
export const ROLLBACK_FROM_TAG = `${PREFIX}rollback-from`;

/** True when a task definition's tags say a rollback of this action registered it. */
export function registeredByRollback(tags: readonly Tag[]): boolean {
  return tags.some((tag) => tag.key === ROLLBACK_FROM_TAG);
}

/** The tags for the revision a rollback registers, so a human can trace it back. */
export function rollbackTags(ctx: TagContext): Tag[] {
  const tags = new Map<string, string>();
  for (const tag of ctx.liveTags) if (!tag.key.startsWith(PREFIX)) tags.set(tag.key, tag.value);
  tags.set(ROLLBACK_FROM_TAG, familyRevision(ctx.fromArn));
  tags.set(`${PREFIX}rollback-to`, ctx.toDeploymentArn ?? 'explicit digest');
  for (const [name, digest] of Object.entries(ctx.digests)) {
    const key = `${PREFIX}digest:${name}`;
    if (key.length <= MAX_KEY) tags.set(key, digest);
  }
  for (const [key, value] of traceTags(ctx.env, ctx.service)) tags.set(key, value);
  // `ecs-deploy:commit` names the code the revision runs: the target's commit, not the rollback
  // run's (that run is in `ecs-deploy:run`); unknown (an explicit digest) means no tag.
  if (ctx.commit === undefined) tags.delete(COMMIT_TAG);
  else tags.set(COMMIT_TAG, ctx.commit);
  for (const [key, value] of ctx.extra) tags.set(key, value);
  return [...tags].map(([key, value]) => ({ key: key.slice(0, MAX_KEY), value: clean(value) }));
}
