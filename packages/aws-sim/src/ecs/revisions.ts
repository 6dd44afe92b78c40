import { resolveContainers } from '../engine/resolve.js';
import { digits } from '../ids.js';
import type { Service, ServiceRevision, TaskDefinitionRecord } from '../state/model.js';
import type { SimContext } from '../state/context.js';

/** Creates the service revision for a new deployment, resolving image digests now. */
export async function createRevision(
  ctx: SimContext,
  service: Service,
  td: TaskDefinitionRecord,
  now: number,
): Promise<ServiceRevision> {
  const containers = await resolveContainers(td, {
    registry: ctx.registry,
    isDeleted: (repo, digest) => ctx.repositories.isDeleted(repo, digest),
  });
  const revision: ServiceRevision = {
    arn: ctx.world.ecsArn(`service-revision/${service.clusterName}/${service.name}/${digits(19)}`),
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    taskDefinitionArn: td.arn,
    containers,
    createdAt: now,
    launchType: service.launchType,
    platformVersion: service.platformVersion,
    loadBalancers: service.loadBalancers,
    ...(service.networkConfiguration ? { networkConfiguration: service.networkConfiguration } : {}),
  };
  ctx.world.revisions.set(revision.arn, revision);
  return revision;
}
