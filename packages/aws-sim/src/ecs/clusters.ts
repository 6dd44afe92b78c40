import { AwsError } from '../errors.js';
import type { Cluster } from '../state/model.js';
import type { SimContext } from '../state/context.js';
import type { World } from '../state/world.js';
import { lastSegment } from '../state/world.js';
import type { Json, JsonObject } from '../util/json.js';
import { optString, stringArray } from '../util/json.js';
import { counts } from './render.js';
import { parseTags, renderTags } from './tags.js';

/** Creates (or returns the existing) cluster. */
export function ensureCluster(world: World, name: string, tags: Cluster['tags'] = []): Cluster {
  const existing = world.clusters.get(name);
  if (existing?.status === 'ACTIVE') return existing;
  const c: Cluster = { name, arn: world.clusterArn(name), status: 'ACTIVE', tags };
  world.clusters.set(name, c);
  return c;
}

function renderCluster(world: World, c: Cluster, withTags: boolean): JsonObject {
  const services = [...world.services.values()].filter(
    (s) => s.clusterName === c.name && s.status !== 'INACTIVE',
  );
  const tasks = services.flatMap((s) => world.liveTasks(s));
  const n = counts(tasks, () => true);
  return {
    clusterArn: c.arn,
    clusterName: c.name,
    status: c.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: n.running,
    pendingTasksCount: n.pending,
    activeServicesCount: services.length,
    statistics: [],
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    defaultCapacityProviderStrategy: [],
    ...(withTags ? { tags: renderTags(c.tags) } : {}),
  };
}

/** CreateCluster (idempotent for an existing ACTIVE cluster). */
export function createCluster(input: JsonObject, ctx: SimContext): Json {
  const c = ensureCluster(
    ctx.world,
    optString(input, 'clusterName') ?? 'default',
    parseTags(input.tags),
  );
  return { cluster: renderCluster(ctx.world, c, true) };
}

/** DescribeClusters: unknown clusters are MISSING failures. */
export function describeClusters(input: JsonObject, ctx: SimContext): Json {
  const refs = stringArray(input, 'clusters');
  const withTags = stringArray(input, 'include').includes('TAGS');
  const clusters: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs.length > 0 ? refs : ['default']) {
    const c = ctx.world.findCluster(ref);
    if (c) clusters.push(renderCluster(ctx.world, c, withTags));
    else failures.push({ arn: ctx.world.clusterArn(lastSegment(ref)), reason: 'MISSING' });
  }
  return { clusters, failures };
}

/** ListClusters. */
export function listClusters(_input: JsonObject, ctx: SimContext): Json {
  return {
    clusterArns: [...ctx.world.clusters.values()]
      .filter((c) => c.status === 'ACTIVE')
      .map((c) => c.arn),
  };
}

/** DeleteCluster: refused while it has services. */
export function deleteCluster(input: JsonObject, ctx: SimContext): Json {
  const c = ctx.world.findCluster(optString(input, 'cluster'));
  if (!c) throw new AwsError('ClusterNotFoundException', 'Cluster not found.');
  const busy = [...ctx.world.services.values()].some(
    (s) => s.clusterName === c.name && s.status !== 'INACTIVE',
  );
  if (busy) {
    throw new AwsError(
      'ClusterContainsServicesException',
      'The Cluster cannot be deleted while Services are active.',
    );
  }
  c.status = 'INACTIVE';
  return { cluster: renderCluster(ctx.world, c, false) };
}
