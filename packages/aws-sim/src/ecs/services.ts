import { AwsError } from '../errors.js';
import { startDeployment } from '../engine/deployments.js';
import type { Cluster, Service, TaskDefinitionRecord } from '../state/model.js';
import type { SimContext } from '../state/context.js';
import type { World } from '../state/world.js';
import { lastSegment } from '../state/world.js';
import type { Json, JsonObject } from '../util/json.js';
import {
  clone,
  isObject,
  objectArray,
  optBoolean,
  optNumber,
  optObject,
  optString,
  reqString,
  stringArray,
} from '../util/json.js';
import { renderService } from './render.js';
import { createRevision } from './revisions.js';
import {
  applySettings,
  checkCapacityProviders,
  checkControllerUnchanged,
  checkControllerUpdate,
  controllerType,
  DEPLOYMENT_SETTINGS,
  REDEPLOYING_SETTINGS,
  SERVICE_SETTINGS,
} from './service-settings.js';
import { checkStrategy } from './strategy-settings.js';
import { parseTags } from './tags.js';
import { findTaskDefinition } from './task-definitions.js';

const clusterNotFound = (): AwsError =>
  new AwsError('ClusterNotFoundException', 'Cluster not found.');
const serviceNotFound = (): AwsError =>
  new AwsError('ServiceNotFoundException', 'Service not found.');

/** The cluster named in the request (default `default`), or ClusterNotFoundException. */
export function requireCluster(world: World, input: JsonObject): Cluster {
  const c = world.findCluster(optString(input, 'cluster'));
  if (!c) throw clusterNotFound();
  return c;
}

/** A service of the cluster, in any status, or ServiceNotFoundException. */
export function requireService(world: World, cluster: Cluster, ref: string): Service {
  const s = world.findService(cluster.name, ref);
  if (!s) throw serviceNotFound();
  return s;
}

/** An ACTIVE task definition by family, `family:revision` or ARN, or ECS's error. */
export function requireTaskDefinition(world: World, ref: string): TaskDefinitionRecord {
  const td = findTaskDefinition(world, ref);
  if (!td) throw new AwsError('ClientException', 'TaskDefinition not found.');
  if (td.status !== 'ACTIVE')
    throw new AwsError('InvalidParameterException', 'TaskDefinition is inactive');
  return td;
}

/** deploymentConfiguration with ECS's defaults for REPLICA services. */
export function deploymentConfiguration(
  raw: JsonObject | undefined,
  base?: JsonObject,
): JsonObject {
  const out: JsonObject = clone(
    base ?? {
      deploymentCircuitBreaker: { enable: false, rollback: false },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
  );
  for (const [k, v] of Object.entries(raw ?? {}))
    if (v !== undefined && v !== null) out[k] = clone(v);
  return out;
}

function checkLoadBalancers(world: World, lbs: JsonObject[], td: TaskDefinitionRecord): void {
  const names = (Array.isArray(td.body.containerDefinitions) ? td.body.containerDefinitions : [])
    .filter(isObject)
    .map((c) => c.name);
  for (const lb of lbs) {
    const arn = lb.targetGroupArn;
    if (typeof arn === 'string' && !world.targetGroups.has(arn)) {
      throw new AwsError(
        'InvalidParameterException',
        `The target group with targetGroupArn ${arn} does not exist.`,
      );
    }
    if (typeof lb.containerName === 'string' && !names.includes(lb.containerName)) {
      throw new AwsError(
        'InvalidParameterException',
        `The container ${lb.containerName} does not exist in the task definition.`,
      );
    }
  }
}

function usesServiceConnect(value: Json | undefined): boolean {
  return isObject(value) && value.enabled === true;
}

/**
 * CreateService: a new service. With the ECS controller its first deployment starts right away;
 * CODE_DEPLOY and EXTERNAL services are stored and described, but nothing deploys them (the
 * simulator has neither CodeDeploy nor task sets).
 */
export async function createService(
  input: JsonObject,
  ctx: SimContext,
  now: number,
): Promise<Json> {
  const { world } = ctx;
  const cluster = requireCluster(world, input);
  const name = reqString(input, 'serviceName');
  const existing = world.findService(cluster.name, name);
  if (existing && existing.status !== 'INACTIVE') {
    throw new AwsError('InvalidParameterException', 'Creation of service was not idempotent.');
  }
  if (optString(input, 'schedulingStrategy') === 'DAEMON')
    throw new AwsError(
      'UnsupportedFeatureException',
      'The simulator does not implement the DAEMON scheduling strategy.',
    );
  checkCapacityProviders(input);
  const controller = controllerType(input);
  // An EXTERNAL service may be created without a task definition (its task sets carry them).
  const tdRef =
    controller === 'EXTERNAL'
      ? optString(input, 'taskDefinition')
      : reqString(input, 'taskDefinition');
  const td = tdRef !== undefined ? requireTaskDefinition(world, tdRef) : undefined;
  const loadBalancers = objectArray(input, 'loadBalancers');
  if (td) checkLoadBalancers(world, loadBalancers, td);
  const compat = Array.isArray(td?.body.requiresCompatibilities)
    ? td.body.requiresCompatibilities
    : [];
  const launchType =
    optString(input, 'launchType') ?? (compat.includes('FARGATE') ? 'FARGATE' : 'EC2');
  const networkConfiguration = optObject(input, 'networkConfiguration');
  const requestedDc = optObject(input, 'deploymentConfiguration');
  checkStrategy(world, {
    requested: requestedDc,
    effective: deploymentConfiguration(requestedDc),
    controller,
    loadBalancers,
    serviceConnect: usesServiceConnect(input.serviceConnectConfiguration),
  });
  const role = optString(input, 'role');
  const service: Service = {
    name,
    arn: world.ecsArn(`service/${cluster.name}/${name}`),
    clusterName: cluster.name,
    clusterArn: cluster.arn,
    status: 'ACTIVE',
    desiredCount: optNumber(input, 'desiredCount') ?? 0,
    taskDefinitionArn: td?.arn ?? '',
    launchType,
    platformVersion: optString(input, 'platformVersion') ?? 'LATEST',
    deploymentConfiguration: deploymentConfiguration(requestedDc),
    deploymentController: controller,
    settings: {},
    deploymentSettings: {},
    ...(role !== undefined
      ? { roleArn: role.startsWith('arn:') ? role : `arn:aws:iam::${world.account}:role/${role}` }
      : {}),
    loadBalancers: clone(loadBalancers),
    ...(networkConfiguration ? { networkConfiguration: clone(networkConfiguration) } : {}),
    healthCheckGracePeriodSeconds: optNumber(input, 'healthCheckGracePeriodSeconds') ?? 0,
    createdAt: now,
    tags: parseTags(input.tags),
    events: [],
    deployments: [],
    serviceDeployments: [],
    unhealthyReplacements: 0,
  };
  applySettings(service.settings, input, Object.keys(SERVICE_SETTINGS));
  // "For create service requests, when no value is specified for AvailabilityZoneRebalancing,
  // Amazon ECS defaults the value to ENABLED." (ECS API reference, CreateService)
  service.settings.availabilityZoneRebalancing ??= 'ENABLED';
  applySettings(service.deploymentSettings, input, DEPLOYMENT_SETTINGS);
  world.services.set(`${cluster.name}/${name}`, service);
  if (controller === 'ECS' && td) {
    const revision = await createRevision(ctx, service, td, now);
    startDeployment(world, service, revision, now);
  }
  return { service: renderService(world, service) };
}

/** UpdateService: scale, reconfigure, and start a new deployment when the task set changes. */
export async function updateService(
  input: JsonObject,
  ctx: SimContext,
  now: number,
): Promise<Json> {
  const { world } = ctx;
  const cluster = requireCluster(world, input);
  const service = requireService(world, cluster, reqString(input, 'service'));
  if (service.status !== 'ACTIVE')
    throw new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.');
  checkControllerUnchanged(service, input);
  checkControllerUpdate(service, input);
  checkCapacityProviders(input);
  const tdRef = optString(input, 'taskDefinition');
  const td = tdRef !== undefined ? requireTaskDefinition(world, tdRef) : undefined;
  const loadBalancers =
    input.loadBalancers !== undefined ? objectArray(input, 'loadBalancers') : undefined;
  if (loadBalancers) {
    const current = td ?? findTaskDefinition(world, service.taskDefinitionArn);
    if (current) checkLoadBalancers(world, loadBalancers, current);
  }
  const dc = optObject(input, 'deploymentConfiguration');
  if (dc || loadBalancers || input.serviceConnectConfiguration !== undefined)
    checkStrategy(world, {
      requested: dc,
      effective: dc
        ? deploymentConfiguration(dc, service.deploymentConfiguration)
        : service.deploymentConfiguration,
      controller: service.deploymentController,
      loadBalancers: loadBalancers ?? service.loadBalancers,
      serviceConnect: usesServiceConnect(
        input.serviceConnectConfiguration ?? service.deploymentSettings.serviceConnectConfiguration,
      ),
    });
  const desired = optNumber(input, 'desiredCount');
  if (desired !== undefined) {
    if (desired < 0) throw new AwsError('InvalidParameterException', 'desiredCount must be >= 0.');
    service.desiredCount = desired;
  }
  if (dc)
    service.deploymentConfiguration = deploymentConfiguration(dc, service.deploymentConfiguration);
  const grace = optNumber(input, 'healthCheckGracePeriodSeconds');
  if (grace !== undefined) service.healthCheckGracePeriodSeconds = grace;
  let redeploy = optBoolean(input, 'forceNewDeployment') === true;
  if (td && td.arn !== service.taskDefinitionArn) redeploy = true;
  const network = optObject(input, 'networkConfiguration');
  if (network && JSON.stringify(network) !== JSON.stringify(service.networkConfiguration)) {
    service.networkConfiguration = clone(network);
    redeploy = true;
  }
  if (loadBalancers && JSON.stringify(loadBalancers) !== JSON.stringify(service.loadBalancers)) {
    service.loadBalancers = clone(loadBalancers);
    redeploy = true;
  }
  const platform = optString(input, 'platformVersion');
  if (platform !== undefined && platform !== service.platformVersion) {
    service.platformVersion = platform;
    redeploy = true;
  }
  if (applySettings(service.settings, input, REDEPLOYING_SETTINGS)) redeploy = true;
  applySettings(service.settings, input, Object.keys(SERVICE_SETTINGS));
  if (applySettings(service.deploymentSettings, input, DEPLOYMENT_SETTINGS)) redeploy = true;
  if (redeploy && service.deploymentController === 'ECS') {
    const target = td ?? findTaskDefinition(world, service.taskDefinitionArn);
    if (!target) throw new AwsError('ClientException', 'TaskDefinition not found.');
    const revision = await createRevision(ctx, service, target, now);
    startDeployment(world, service, revision, now);
  }
  return { service: renderService(world, service) };
}

/** DescribeServices: unknown services come back in `failures` as MISSING, never as an error. */
export function describeServices(input: JsonObject, ctx: SimContext): Json {
  const cluster = requireCluster(ctx.world, input);
  const refs = stringArray(input, 'services');
  if (refs.length === 0 || refs.length > 10) {
    throw new AwsError(
      'InvalidParameterException',
      'services can have at most 10 items and at least 1.',
    );
  }
  const withTags = stringArray(input, 'include').includes('TAGS');
  const services: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs) {
    const s = ctx.world.findService(cluster.name, ref);
    if (s) services.push(renderService(ctx.world, s, withTags));
    else
      failures.push({
        arn: ctx.world.ecsArn(`service/${cluster.name}/${lastSegment(ref)}`),
        reason: 'MISSING',
      });
  }
  return { services, failures };
}

/** ListServices: ACTIVE and DRAINING services of the cluster. */
export function listServices(input: JsonObject, ctx: SimContext): Json {
  const cluster = requireCluster(ctx.world, input);
  const serviceArns = [...ctx.world.services.values()]
    .filter((s) => s.clusterName === cluster.name && s.status !== 'INACTIVE')
    .map((s) => s.arn);
  return { serviceArns };
}

/** DeleteService: DRAINING until its tasks are gone, then INACTIVE (still describable). */
export function deleteService(input: JsonObject, ctx: SimContext, now: number): Json {
  const cluster = requireCluster(ctx.world, input);
  const service = requireService(ctx.world, cluster, reqString(input, 'service'));
  if (service.status === 'INACTIVE')
    throw new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.');
  if (service.desiredCount > 0 && optBoolean(input, 'force') !== true) {
    throw new AwsError(
      'InvalidParameterException',
      'The service cannot be stopped while it is scaled above 0.',
    );
  }
  service.desiredCount = 0;
  service.status = 'DRAINING';
  service.deletedAt = now;
  return { service: renderService(ctx.world, service) };
}
