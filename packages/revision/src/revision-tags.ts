import { traceTags } from '@ecs-deploy/task-definition';

/** The tags for a revision this action registers: the trace tags, then the user's own. */
export function revisionTags(
  env: Readonly<Record<string, string | undefined>>,
  extra: ReadonlyMap<string, string>,
  service: string,
): { key: string; value: string }[] {
  const tags = traceTags(env, service);
  for (const [key, value] of extra) tags.set(key, value);
  return [...tags].map(([key, value]) => ({ key, value }));
}
