import type { ContainerImageResolution, Deployment, Service, Task } from '../state/model.js';
import type { World } from '../state/world.js';
import type { Json, JsonObject } from '../util/json.js';
import { compact, epochSeconds, objectArray } from '../util/json.js';
import { recordOf } from '../engine/deployments.js';
import { renderSettings } from './service-settings.js';
import { renderTags } from './tags.js';

/** Running and pending counts of tasks matching `pick` (PROVISIONING counts as pending). */
export function counts(
  tasks: readonly Task[],
  pick: (t: Task) => boolean,
): { running: number; pending: number } {
  let running = 0;
  let pending = 0;
  for (const t of tasks) {
    if (!pick(t)) continue;
    if (t.lastStatus === 'RUNNING') running++;
    else if (t.lastStatus === 'PENDING' || t.lastStatus === 'PROVISIONING') pending++;
  }
  return { running, pending };
}

function renderDeployment(service: Service, d: Deployment, live: readonly Task[]): JsonObject {
  const c = counts(live, (t) => t.deploymentId === d.id);
  const desired =
    d.status === 'PRIMARY'
      ? service.desiredCount
      : live.filter((t) => t.deploymentId === d.id && t.desiredStatus === 'RUNNING').length;
  const strategy = service.settings.capacityProviderStrategy;
  return compact({
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinitionArn,
    desiredCount: desired,
    pendingCount: c.pending,
    runningCount: c.running,
    failedTasks: d.failedTasks,
    createdAt: epochSeconds(d.createdAt),
    updatedAt: epochSeconds(d.updatedAt),
    ...(Array.isArray(strategy) && strategy.length > 0
      ? { capacityProviderStrategy: strategy }
      : { launchType: service.launchType }),
    platformVersion: service.launchType === 'FARGATE' ? service.platformVersion : undefined,
    platformFamily: service.launchType === 'FARGATE' ? 'Linux' : undefined,
    networkConfiguration: service.networkConfiguration,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
    ...d.settings,
  });
}

/** A revision's task counts, for `currentServiceRevisions` and service-deployment summaries. */
export function revisionSummary(
  world: World,
  service: Service,
  revisionArn: string,
  requested: number,
): JsonObject {
  const c = counts(world.liveTasks(service), (t) => t.revisionArn === revisionArn);
  return {
    arn: revisionArn,
    requestedTaskCount: requested,
    runningTaskCount: c.running,
    pendingTaskCount: c.pending,
  };
}

/** The Service output shape (DescribeServices, CreateService, UpdateService, DeleteService). */
export function renderService(world: World, service: Service, withTags = false): JsonObject {
  const live = world.liveTasks(service);
  const c = counts(live, () => true);
  const primary = service.deployments[0];
  const record = primary ? recordOf(service, primary) : undefined;
  const revisions = [...new Set(service.deployments.map((d) => d.revisionArn))];
  const settings = renderSettings(service.settings);
  const strategy = settings.capacityProviderStrategy;
  const byProvider = Array.isArray(strategy) && strategy.length > 0;
  return compact({
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: service.clusterArn,
    loadBalancers: service.loadBalancers,
    serviceRegistries: settings.serviceRegistries,
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: c.running,
    pendingCount: c.pending,
    // A service placed by capacity provider strategy shows the strategy instead of a launch type.
    launchType: byProvider ? undefined : service.launchType,
    capacityProviderStrategy: byProvider ? strategy : undefined,
    platformVersion: service.launchType === 'FARGATE' ? service.platformVersion : undefined,
    platformFamily: service.launchType === 'FARGATE' ? 'Linux' : undefined,
    taskDefinition: service.taskDefinitionArn === '' ? undefined : service.taskDefinitionArn,
    deploymentConfiguration: service.deploymentConfiguration,
    roleArn: service.roleArn,
    deployments: service.deployments.map((d) => renderDeployment(service, d, live)),
    events: service.events.map((e) => ({
      id: e.id,
      createdAt: epochSeconds(e.createdAt),
      message: e.message,
    })),
    createdAt: epochSeconds(service.createdAt),
    currentServiceDeployment: record?.arn,
    currentServiceRevisions: revisions.map((arn) =>
      revisionSummary(
        world,
        service,
        arn,
        arn === primary?.revisionArn
          ? service.desiredCount
          : live.filter((t) => t.revisionArn === arn).length,
      ),
    ),
    placementConstraints: settings.placementConstraints,
    placementStrategy: settings.placementStrategy,
    networkConfiguration: service.networkConfiguration,
    healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: service.deploymentController },
    createdBy: world.identity.arn,
    enableECSManagedTags: settings.enableECSManagedTags,
    propagateTags: settings.propagateTags,
    enableExecuteCommand: settings.enableExecuteCommand,
    availabilityZoneRebalancing: settings.availabilityZoneRebalancing,
    tags: withTags ? renderTags(service.tags) : undefined,
  });
}

function taskHealth(task: Task, resolved: readonly ContainerImageResolution[]): string {
  const checked = task.containers.filter(
    (c) => resolved.find((r) => r.containerName === c.name)?.healthCheck,
  );
  if (checked.some((c) => c.healthStatus === 'UNHEALTHY')) return 'UNHEALTHY';
  if (checked.length > 0 && checked.every((c) => c.healthStatus === 'HEALTHY')) return 'HEALTHY';
  return 'UNKNOWN';
}

/** The Task output shape (DescribeTasks). */
export function renderTask(world: World, task: Task, withTags = false): JsonObject {
  const run = task.standalone;
  const resolved = run?.containers ?? world.revisions.get(task.revisionArn)?.containers ?? [];
  const ts = (ms: number | undefined): number | undefined =>
    ms === undefined ? undefined : epochSeconds(ms);
  const attachmentId = `${task.id.slice(0, 8)}-eni0-${task.id.slice(8, 12)}`;
  const stopped = task.lastStatus === 'STOPPED';
  const containers: Json[] = task.containers.map((c) =>
    compact({
      containerArn: c.arn,
      taskArn: task.arn,
      name: c.name,
      image: c.image,
      imageDigest: c.imageDigest,
      runtimeId: task.lastStatus === 'PROVISIONING' ? undefined : `${task.id}-${c.name}`,
      lastStatus: c.lastStatus,
      exitCode: c.exitCode,
      reason: c.reason,
      networkBindings: [],
      networkInterfaces: [{ attachmentId, privateIpv4Address: task.ip }],
      healthStatus: c.healthStatus,
      cpu: '0',
    }),
  );
  return compact({
    taskArn: task.arn,
    clusterArn: world.clusterArn(task.clusterName),
    taskDefinitionArn: task.taskDefinitionArn,
    group: run ? run.group : `service:${task.serviceName}`,
    startedBy: run ? run.startedBy : task.deploymentId,
    launchType: task.launchType,
    platformVersion: task.launchType === 'FARGATE' ? task.platformVersion : undefined,
    platformFamily: task.launchType === 'FARGATE' ? 'Linux' : undefined,
    cpu: task.cpu,
    memory: task.memory,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    healthStatus: taskHealth(task, resolved),
    connectivity: 'CONNECTED',
    connectivityAt: ts(task.createdAt),
    availabilityZone: task.availabilityZone,
    createdAt: ts(task.createdAt),
    pullStartedAt: ts(task.pullStartedAt),
    pullStoppedAt: ts(task.pullStoppedAt),
    startedAt: ts(task.startedAt),
    stoppingAt: ts(task.stoppingAt),
    executionStoppedAt: ts(task.stoppedAt),
    stoppedAt: ts(task.stoppedAt),
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    containers,
    attachments: [
      {
        id: attachmentId,
        type: 'ElasticNetworkInterface',
        status: stopped ? 'DELETED' : 'ATTACHED',
        details: [
          { name: 'subnetId', value: 'subnet-0sim0000000000001' },
          { name: 'networkInterfaceId', value: `eni-${task.id.slice(0, 17)}` },
          { name: 'privateIPv4Address', value: task.ip },
        ],
      },
    ],
    overrides: {
      ...run?.overrides,
      containerOverrides: task.containers.map(
        (c) =>
          objectArray(run?.overrides ?? {}, 'containerOverrides').find(
            (o) => o.name === c.name,
          ) ?? {
            name: c.name,
          },
      ),
      inferenceAcceleratorOverrides: [],
    },
    version: stopped ? 4 : task.lastStatus === 'RUNNING' ? 3 : 2,
    tags: withTags ? renderTags(run?.tags ?? []) : undefined,
  });
}
