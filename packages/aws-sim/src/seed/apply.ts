import { SimConfigError } from '../errors.js';
import { ensureCluster } from '../ecs/clusters.js';
import { createService } from '../ecs/services.js';
import { registerTaskDefinition } from '../ecs/task-definitions.js';
import { addTargetGroup } from '../elbv2/operations.js';
import { parseScenario } from '../engine/scenario.js';
import { settleDeployment } from '../engine/settle.js';
import type { SimContext } from '../state/context.js';
import type { JsonObject } from '../util/json.js';
import { substitute } from './parse.js';
import { pushSyntheticImage } from './synthetic-image.js';
import type { Seed, SeedService } from './types.js';

/** Sets a scenario rule: by digest, or by `repository:tag`. */
export function setScenario(
  ctx: SimContext,
  rule: { digest?: string; image?: string; scenario: string },
): void {
  const behaviour = parseScenario(rule.scenario);
  if (rule.digest !== undefined) ctx.world.scenarios.byDigest.set(rule.digest, behaviour);
  else if (rule.image !== undefined)
    ctx.world.scenarios.byImage.set(stripHost(rule.image), behaviour);
  else throw new SimConfigError('a scenario rule needs `digest` or `image` (repository:tag)');
}

function stripHost(image: string): string {
  const slash = image.indexOf('/');
  const first = slash > 0 ? image.slice(0, slash) : '';
  return first.includes('.') || first.includes(':') || first === 'localhost'
    ? image.slice(slash + 1)
    : image;
}

/** Applies a seed to a running simulator (state is added; nothing is removed). */
export async function applySeed(raw: Seed, ctx: SimContext, now: number): Promise<void> {
  const { world } = ctx;
  const seed = substitute(raw, {
    registry: ctx.registry.host,
    account: world.account,
    region: world.region,
  });
  if (seed.identity?.arn !== undefined) world.identity.arn = seed.identity.arn;
  if (seed.identity?.userId !== undefined) world.identity.userId = seed.identity.userId;
  world.timings = { ...world.timings, ...seed.timings };
  for (const c of seed.clusters ?? []) {
    if (typeof c === 'string') ensureCluster(world, c);
    else ensureCluster(world, c.name, c.tags ?? []);
  }
  for (const tg of seed.targetGroups ?? []) {
    const { name, ...opts } = tg;
    addTargetGroup(world, name, opts);
  }
  for (const repo of seed.repositories ?? []) {
    if (!ctx.repositories.get(repo.name)) {
      ctx.repositories.create(repo.name, now, {
        ...(repo.imageTagMutability ? { mutability: repo.imageTagMutability } : {}),
        ...(repo.scanOnPush !== undefined ? { scanOnPush: repo.scanOnPush } : {}),
      });
    }
    for (const image of repo.images ?? []) {
      const labels = {
        ...image.labels,
        ...(image.scenario ? { 'sim.scenario': image.scenario } : {}),
      };
      if (image.scenario) parseScenario(image.scenario);
      await pushSyntheticImage(ctx.registry, {
        repository: repo.name,
        ...(image.tag !== undefined ? { tag: image.tag } : {}),
        labels,
      });
    }
  }
  for (const rule of seed.scenarios ?? []) setScenario(ctx, rule);
  for (const td of seed.taskDefinitions ?? []) registerTaskDefinition(world, td, now);
  for (const s of seed.services ?? []) await seedService(ctx, s, now);
}

async function seedService(ctx: SimContext, s: SeedService, now: number): Promise<void> {
  const { world } = ctx;
  const clusterName = s.cluster ?? 'default';
  ensureCluster(world, clusterName);
  const loadBalancers = (s.loadBalancers ?? []).map((lb) => {
    const arn =
      lb.targetGroupArn ??
      [...world.targetGroups.values()].find((tg) => tg.name === lb.targetGroup)?.arn;
    if (arn === undefined)
      throw new SimConfigError(
        `service ${s.serviceName}: unknown target group '${lb.targetGroup ?? ''}'`,
      );
    return {
      targetGroupArn: arn,
      containerName: lb.containerName,
      containerPort: lb.containerPort,
    };
  });
  const input: JsonObject = {
    cluster: clusterName,
    serviceName: s.serviceName,
    taskDefinition: s.taskDefinition,
    desiredCount: s.desiredCount ?? 1,
    loadBalancers,
    ...(s.launchType !== undefined ? { launchType: s.launchType } : {}),
    ...(s.deploymentConfiguration ? { deploymentConfiguration: s.deploymentConfiguration } : {}),
    ...(s.deploymentController ? { deploymentController: s.deploymentController } : {}),
    ...(s.networkConfiguration ? { networkConfiguration: s.networkConfiguration } : {}),
    ...(s.healthCheckGracePeriodSeconds !== undefined
      ? { healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds }
      : {}),
    ...(s.tags ? { tags: s.tags } : {}),
  };
  await createService(input, ctx, now);
  const service = world.findService(clusterName, s.serviceName);
  const first = service?.deployments[0];
  if (service && first && (s.start ?? 'steady') === 'steady')
    settleDeployment(world, service, first, now);
}
