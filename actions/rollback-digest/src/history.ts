import type { EcsApi } from '@ecs-deploy/aws';

/** One container of a service revision: the image as written and the digest ECS resolved. */
export interface ContainerImage {
  readonly image?: string;
  readonly digest?: string;
}

/** A service revision: what one deployment ran, per container. */
export interface Revision {
  readonly arn: string;
  readonly taskDefinitionArn: string;
  /** In task-definition order. */
  readonly containers: ReadonlyMap<string, ContainerImage>;
}

/** One service deployment, with the revisions it targeted and (for a rollback) went back to. */
export interface HistoryRecord {
  readonly arn: string;
  /** PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, ROLLBACK_* … as ECS reports it. */
  readonly status: string;
  readonly createdAt?: Date;
  readonly statusReason?: string;
  /** Undefined when ECS no longer describes the revision. */
  readonly target?: Revision;
  /** The revision ECS rolled back to (ROLLBACK_* records). */
  readonly rollbackTo?: Revision;
}

/** The service's deployments, newest first, as far back as was read. */
export interface History {
  readonly records: readonly HistoryRecord[];
  /** True when older deployments exist beyond `records`. */
  readonly truncated: boolean;
}

/** How far back the history is read: enough for any sensible steps-back, in a few calls. */
export const HISTORY_LIMIT = 60;
/** Most ARNs DescribeServiceDeployments and DescribeServiceRevisions take in one call. */
const BATCH = 20;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/**
 * Reads the service's deployment history from ECS (ListServiceDeployments, then
 * DescribeServiceDeployments for rollbacks only, then DescribeServiceRevisions), newest first.
 */
export async function loadHistory(ecs: EcsApi, cluster: string, service: string): Promise<History> {
  const briefs: {
    arn: string;
    status: string;
    createdAt?: Date;
    statusReason?: string;
    target?: string;
  }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.listServiceDeployments({
      cluster,
      service,
      maxResults: BATCH,
      nextToken,
    });
    for (const brief of page.serviceDeployments ?? []) {
      if (brief.serviceDeploymentArn === undefined) continue;
      briefs.push({
        arn: brief.serviceDeploymentArn,
        status: brief.status ?? 'UNKNOWN',
        ...(brief.createdAt === undefined ? {} : { createdAt: brief.createdAt }),
        ...(brief.statusReason === undefined ? {} : { statusReason: brief.statusReason }),
        ...(brief.targetServiceRevisionArn === undefined
          ? {}
          : { target: brief.targetServiceRevisionArn }),
      });
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined && briefs.length < HISTORY_LIMIT);
  const rollbackTo = new Map<string, string>();
  const rolledBack = briefs.filter((b) => b.status.startsWith('ROLLBACK_')).map((b) => b.arn);
  for (const batch of chunks(rolledBack)) {
    const answer = await ecs.describeServiceDeployments({ serviceDeploymentArns: batch });
    for (const d of answer.serviceDeployments ?? []) {
      const to = d.rollback?.serviceRevisionArn;
      if (d.serviceDeploymentArn !== undefined && to !== undefined)
        rollbackTo.set(d.serviceDeploymentArn, to);
    }
  }
  const wanted = [
    ...new Set([
      ...briefs.flatMap((b) => (b.target === undefined ? [] : [b.target])),
      ...rollbackTo.values(),
    ]),
  ];
  const revisions = new Map<string, Revision>();
  for (const batch of chunks(wanted)) {
    const answer = await ecs.describeServiceRevisions({ serviceRevisionArns: batch });
    for (const r of answer.serviceRevisions ?? []) {
      if (r.serviceRevisionArn === undefined) continue;
      const containers = new Map<string, ContainerImage>();
      for (const c of r.containerImages ?? []) {
        if (c.containerName === undefined) continue;
        containers.set(c.containerName, {
          ...(c.image === undefined ? {} : { image: c.image }),
          ...(c.imageDigest === undefined ? {} : { digest: c.imageDigest }),
        });
      }
      revisions.set(r.serviceRevisionArn, {
        arn: r.serviceRevisionArn,
        taskDefinitionArn: r.taskDefinition ?? '',
        containers,
      });
    }
  }
  const records = briefs.slice(0, HISTORY_LIMIT).map((b): HistoryRecord => {
    const target = b.target === undefined ? undefined : revisions.get(b.target);
    const back = rollbackTo.get(b.arn);
    const rollback = back === undefined ? undefined : revisions.get(back);
    return {
      arn: b.arn,
      status: b.status,
      ...(b.createdAt === undefined ? {} : { createdAt: b.createdAt }),
      ...(b.statusReason === undefined ? {} : { statusReason: b.statusReason }),
      ...(target === undefined ? {} : { target }),
      ...(rollback === undefined ? {} : { rollbackTo: rollback }),
    };
  });
  return { records, truncated: nextToken !== undefined || briefs.length > HISTORY_LIMIT };
}
