import { AwsError } from '../errors.js';
import { rollbackOnRequest } from '../engine/deployments.js';
import type { Service, ServiceDeploymentRecord, ServiceRevision } from '../state/model.js';
import type { SimContext } from '../state/context.js';
import type { World } from '../state/world.js';
import type { Json, JsonObject } from '../util/json.js';
import {
  compact,
  epochSeconds,
  optObject,
  optString,
  reqString,
  stringArray,
} from '../util/json.js';
import { revisionSummary } from './render.js';
import { requireCluster, requireService } from './services.js';
import { paginate } from './tasks-api.js';

function findRecord(
  world: World,
  arn: string,
): { service: Service; record: ServiceDeploymentRecord } | undefined {
  for (const service of world.services.values()) {
    const record = service.serviceDeployments.find((r) => r.arn === arn);
    if (record) return { service, record };
  }
  return undefined;
}

function ts(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : epochSeconds(ms);
}

function requested(service: Service, record: ServiceDeploymentRecord, revisionArn: string): number {
  const primary = service.deployments[0];
  return primary?.serviceDeploymentArn === record.arn && primary.revisionArn === revisionArn
    ? service.desiredCount
    : 0;
}

function brief(service: Service, r: ServiceDeploymentRecord): JsonObject {
  return compact({
    serviceDeploymentArn: r.arn,
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    startedAt: ts(r.startedAt),
    createdAt: ts(r.createdAt),
    finishedAt: ts(r.finishedAt),
    targetServiceRevisionArn: r.targetRevisionArn,
    status: r.status,
    statusReason: r.statusReason,
  });
}

function full(world: World, service: Service, r: ServiceDeploymentRecord): JsonObject {
  // ServiceDeployment has the brief's members except targetServiceRevisionArn: it names the
  // target in targetServiceRevision instead (botocore ecs ServiceDeployment shape).
  const summary = brief(service, r);
  delete summary.targetServiceRevisionArn;
  return compact({
    ...summary,
    stoppedAt: ts(r.stoppedAt),
    updatedAt: ts(r.updatedAt),
    sourceServiceRevisions: r.sourceRevisionArns.map((arn) =>
      revisionSummary(world, service, arn, 0),
    ),
    targetServiceRevision: revisionSummary(
      world,
      service,
      r.targetRevisionArn,
      requested(service, r, r.targetRevisionArn),
    ),
    deploymentConfiguration: r.deploymentConfiguration,
    lifecycleStage: r.lifecycleStage,
    rollback: r.rollback
      ? {
          reason: r.rollback.reason,
          startedAt: epochSeconds(r.rollback.startedAt),
          serviceRevisionArn: r.rollback.serviceRevisionArn,
        }
      : undefined,
    deploymentCircuitBreaker: { ...r.breaker },
    alarms:
      r.alarms.status === 'DISABLED'
        ? { status: 'DISABLED' }
        : {
            status: r.alarms.status,
            alarmNames: r.alarms.alarmNames,
            ...(r.alarms.triggeredAlarmNames.length > 0
              ? { triggeredAlarmNames: r.alarms.triggeredAlarmNames }
              : {}),
          },
  });
}

/** ListServiceDeployments: newest first, filtered by status and creation time. */
export function listServiceDeployments(input: JsonObject, ctx: SimContext): Json {
  const cluster = requireCluster(ctx.world, input);
  const service = requireService(ctx.world, cluster, reqString(input, 'service'));
  const statuses = stringArray(input, 'status');
  const created = optObject(input, 'createdAt');
  const before =
    typeof created?.before === 'number' ? created.before * 1000 : Number.POSITIVE_INFINITY;
  const after =
    typeof created?.after === 'number' ? created.after * 1000 : Number.NEGATIVE_INFINITY;
  const records = service.serviceDeployments.filter(
    (r) =>
      (statuses.length === 0 || statuses.includes(r.status)) &&
      r.createdAt <= before &&
      r.createdAt >= after,
  );
  const { page, nextToken } = paginate(records, input, 20);
  return {
    serviceDeployments: page.map((r) => brief(service, r)),
    ...(nextToken ? { nextToken } : {}),
  };
}

/** DescribeServiceDeployments: unknown ARNs are MISSING failures. */
export function describeServiceDeployments(input: JsonObject, ctx: SimContext): Json {
  const serviceDeployments: Json[] = [];
  const failures: Json[] = [];
  for (const arn of stringArray(input, 'serviceDeploymentArns')) {
    const hit = findRecord(ctx.world, arn);
    if (hit) serviceDeployments.push(full(ctx.world, hit.service, hit.record));
    else failures.push({ arn, reason: 'MISSING' });
  }
  return { serviceDeployments, failures };
}

function renderRevision(r: ServiceRevision): JsonObject {
  return compact({
    serviceRevisionArn: r.arn,
    serviceArn: r.serviceArn,
    clusterArn: r.clusterArn,
    taskDefinition: r.taskDefinitionArn,
    launchType: r.launchType,
    platformVersion: r.launchType === 'FARGATE' ? r.platformVersion : undefined,
    platformFamily: r.launchType === 'FARGATE' ? 'Linux' : undefined,
    loadBalancers: r.loadBalancers,
    serviceRegistries: [],
    networkConfiguration: r.networkConfiguration,
    containerImages: r.containers.map((c) =>
      compact({ containerName: c.containerName, imageDigest: c.imageDigest, image: c.image }),
    ),
    guardDutyEnabled: false,
    createdAt: epochSeconds(r.createdAt),
  });
}

/** DescribeServiceRevisions: each container's image and the digest resolved at deployment time. */
export function describeServiceRevisions(input: JsonObject, ctx: SimContext): Json {
  const serviceRevisions: Json[] = [];
  const failures: Json[] = [];
  for (const arn of stringArray(input, 'serviceRevisionArns')) {
    const r = ctx.world.revisions.get(arn);
    if (r) serviceRevisions.push(renderRevision(r));
    else failures.push({ arn, reason: 'MISSING' });
  }
  return { serviceRevisions, failures };
}

/** StopServiceDeployment: ROLLBACK an in-progress deployment to the last completed revision. */
export function stopServiceDeployment(input: JsonObject, ctx: SimContext, now: number): Json {
  const arn = reqString(input, 'serviceDeploymentArn');
  const hit = findRecord(ctx.world, arn);
  if (!hit)
    throw new AwsError(
      'ServiceDeploymentNotFoundException',
      'The service deployment does not exist.',
    );
  const stopType = optString(input, 'stopType') ?? 'ROLLBACK';
  if (stopType !== 'ROLLBACK') {
    throw new AwsError(
      'UnsupportedFeatureException',
      `stopType ${stopType} is not supported for rolling deployments.`,
    );
  }
  if (hit.record.status !== 'IN_PROGRESS') {
    throw new AwsError(
      'ConflictException',
      `The service deployment is in status ${hit.record.status} and cannot be stopped.`,
    );
  }
  if (!rollbackOnRequest(ctx.world, hit.service, hit.record, now)) {
    throw new AwsError(
      'ConflictException',
      'The service has no completed deployment to roll back to.',
    );
  }
  return { serviceDeploymentArn: arn };
}
