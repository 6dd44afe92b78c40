import type { EcsApi } from '@ecs-deploy/aws';

/**
 * Which revisions of a family to deregister (pure): everything ACTIVE beyond the newest `keep`,
 * except revisions a deployment of the service still uses and revisions newer than ours (another
 * pipeline may be about to deploy them).
 */
export function revisionsToDeregister(
  activeNewestFirst: readonly string[],
  keep: number,
  inUse: ReadonlySet<string>,
  ours: string,
): string[] {
  if (keep <= 0) return [];
  const number = (arn: string): number => Number(arn.slice(arn.lastIndexOf(':') + 1));
  const ourNumber = number(ours);
  return activeNewestFirst.slice(keep).filter((arn) => !inUse.has(arn) && number(arn) < ourNumber);
}

/** Every ACTIVE revision of the family, newest first. */
export async function activeRevisions(ecs: EcsApi, family: string): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.listTaskDefinitions({
      familyPrefix: family,
      status: 'ACTIVE',
      sort: 'DESC',
      ...(nextToken === undefined ? {} : { nextToken }),
    });
    arns.push(
      ...(page.taskDefinitionArns ?? []).filter((arn) =>
        arn.includes(`:task-definition/${family}:`),
      ),
    );
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return arns;
}
