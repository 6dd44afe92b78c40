/** The tags this action puts on every revision it registers, so it can be traced to a commit. */
export function revisionTags(
  env: Readonly<Record<string, string | undefined>>,
  extra: ReadonlyMap<string, string>,
): { key: string; value: string }[] {
  const ours: [string, string | undefined][] = [
    ['ecs-deploy:commit', env.GITHUB_SHA],
    [
      'ecs-deploy:run',
      env.GITHUB_RUN_ID === undefined
        ? undefined
        : `${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID}`,
    ],
    ['ecs-deploy:actor', env.GITHUB_ACTOR],
  ];
  const tags = new Map<string, string>();
  for (const [key, value] of ours)
    if (value !== undefined && value !== '') tags.set(key, value.slice(0, 256));
  for (const [key, value] of extra) tags.set(key, value);
  return [...tags].map(([key, value]) => ({ key, value }));
}
