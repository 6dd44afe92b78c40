/**
 * ECS's traffic-shifting deployment strategies (`deploymentConfiguration.strategy` BLUE_GREEN,
 * LINEAR, CANARY; docs/aws-behaviour.md#native-deployment-strategies): the configuration with
 * ECS's defaults, the lifecycle stages in order, and how the simulator represents production
 * traffic — by registering tasks in the target groups, so DescribeTargetHealth shows it.
 */
import type {
  Deployment,
  LifecycleStage,
  Service,
  StrategyRollout,
  Task,
  TrafficStrategy,
} from '../state/model.js';
import type { World } from '../state/world.js';
import type { JsonObject } from '../util/json.js';
import { isObject, optNumber } from '../util/json.js';

const MINUTE = 60_000;

/** The lifecycle stages, in the order of the ServiceDeploymentLifecycleStage enum. */
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

/** Position of a stage in LIFECYCLE_STAGES. */
export function stageIndex(stage: LifecycleStage): number {
  return LIFECYCLE_STAGES.indexOf(stage);
}

/** The strategy settings of a deploymentConfiguration, with the API reference's defaults. */
export interface StrategyConfig {
  strategy: 'ROLLING' | TrafficStrategy;
  /** bakeTimeInMinutes (the simulator's default when absent: 0). */
  bakeMinutes: number;
  /** linearConfiguration.stepPercent (default 10.0). */
  stepPercent: number;
  /** linearConfiguration.stepBakeTimeInMinutes (default 6). */
  stepBakeMinutes: number;
  /** canaryConfiguration.canaryPercent (default 5.0). */
  canaryPercent: number;
  /** canaryConfiguration.canaryBakeTimeInMinutes (default 10). */
  canaryBakeMinutes: number;
}

/** Reads `strategy`, `bakeTimeInMinutes`, `linearConfiguration` and `canaryConfiguration`. */
export function strategyConfig(dc: JsonObject): StrategyConfig {
  const s = dc.strategy;
  const linear = isObject(dc.linearConfiguration) ? dc.linearConfiguration : {};
  const canary = isObject(dc.canaryConfiguration) ? dc.canaryConfiguration : {};
  return {
    strategy: s === 'BLUE_GREEN' || s === 'LINEAR' || s === 'CANARY' ? s : 'ROLLING',
    bakeMinutes: optNumber(dc, 'bakeTimeInMinutes') ?? 0,
    stepPercent: optNumber(linear, 'stepPercent') ?? 10,
    stepBakeMinutes: optNumber(linear, 'stepBakeTimeInMinutes') ?? 6,
    canaryPercent: optNumber(canary, 'canaryPercent') ?? 5,
    canaryBakeMinutes: optNumber(canary, 'canaryBakeTimeInMinutes') ?? 10,
  };
}

/**
 * The rollout state of a new deployment of `service`, or undefined under ROLLING. It starts in
 * RECONCILE_SERVICE when more than one older revision still runs tasks ("only happens when you
 * start a new service deployment with more than 1 service revision in an ACTIVE state"), else in
 * PRE_SCALE_UP.
 */
export function newRollout(world: World, service: Service): StrategyRollout | undefined {
  const cfg = strategyConfig(service.deploymentConfiguration);
  if (cfg.strategy === 'ROLLING') return undefined;
  const active = new Set(
    world
      .liveTasks(service)
      .filter((t) => t.desiredStatus === 'RUNNING')
      .map((t) => t.revisionArn),
  );
  return {
    strategy: cfg.strategy,
    stage: active.size > 1 ? 'RECONCILE_SERVICE' : 'PRE_SCALE_UP',
    weight: 0,
  };
}

/** The green share after the first production shift: all, the canary, or one linear step. */
export function firstWeight(cfg: StrategyConfig): number {
  if (cfg.strategy === 'CANARY') return Math.min(100, cfg.canaryPercent);
  if (cfg.strategy === 'LINEAR') return Math.min(100, cfg.stepPercent);
  return 100;
}

/** The green share after the next shift from `weight` (canary: the rest at once). */
export function nextWeight(cfg: StrategyConfig, weight: number): number {
  if (cfg.strategy === 'LINEAR') return Math.min(100, round1(weight + cfg.stepPercent));
  return 100;
}

/** How long a partial shift holds before the next one (not applied after reaching 100 %). */
export function shiftWaitMs(cfg: StrategyConfig): number {
  if (cfg.strategy === 'CANARY') return cfg.canaryBakeMinutes * MINUTE;
  if (cfg.strategy === 'LINEAR') return cfg.stepBakeMinutes * MINUTE;
  return 0;
}

/** The bake time after the last shift, before the blue tasks are stopped. */
export function bakeMs(cfg: StrategyConfig): number {
  return cfg.bakeMinutes * MINUTE;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** A load balancer's production target group and, with advancedConfiguration, its alternate. */
export interface TargetGroupPair {
  production: string;
  alternate?: string;
  port: number;
}

/** The target groups of the service's load balancers that exist in the world. */
export function targetGroupPairs(world: World, service: Service): TargetGroupPair[] {
  const out: TargetGroupPair[] = [];
  for (const lb of service.loadBalancers) {
    const production = lb.targetGroupArn;
    if (typeof production !== 'string' || !world.targetGroups.has(production)) continue;
    const adv = isObject(lb.advancedConfiguration) ? lb.advancedConfiguration : undefined;
    const alt = adv?.alternateTargetGroupArn;
    out.push({
      production,
      ...(typeof alt === 'string' && world.targetGroups.has(alt) ? { alternate: alt } : {}),
      port: typeof lb.containerPort === 'number' ? lb.containerPort : 80,
    });
  }
  return out;
}

/**
 * Where a task of deployment `d` registers when it reaches RUNNING. Without a rollout (ROLLING,
 * a rollback, a completed strategy deployment) or without an alternate target group: the
 * production target group. A green task of a strategy deployment: the alternate target group
 * (test traffic) until CLEAN_UP, and the production target group once it has a traffic share.
 */
export function registrationGroups(pair: TargetGroupPair, d: Deployment | undefined): string[] {
  const r = d?.rollout;
  if (!r || !pair.alternate || d.rolloutState === 'COMPLETED') return [pair.production];
  const out: string[] = [];
  if (stageIndex(r.stage) < stageIndex('CLEAN_UP')) out.push(pair.alternate);
  if (r.weight > 0) out.push(pair.production);
  return out;
}

function isRegistered(world: World, task: Task, tg: string): boolean {
  return world.targets.some(
    (x) => x.taskArn === task.arn && x.targetGroupArn === tg && x.deregisteredAt === undefined,
  );
}

/** Registers `task` in `tg` now (health as its timeline planned), unless it already is. */
export function registerIn(
  world: World,
  task: Task,
  tg: string,
  port: number,
  at: number,
): boolean {
  if (isRegistered(world, task, tg)) return false;
  const tl = task.timeline;
  world.targets.push({
    targetGroupArn: tg,
    id: task.ip,
    port,
    availabilityZone: task.availabilityZone,
    taskArn: task.arn,
    registeredAt: at,
    ...(tl.targetHealthyAt !== undefined ? { healthyAt: tl.targetHealthyAt } : {}),
    ...(tl.targetUnhealthyAt !== undefined ? { unhealthyAt: tl.targetUnhealthyAt } : {}),
  });
  if (!task.targets.some((x) => x.targetGroupArn === tg))
    task.targets.push({ targetGroupArn: tg, port });
  return true;
}

/** Deregisters `task` from `tg` (it drains there for the group's deregistration delay). */
export function deregisterFrom(world: World, task: Task, tg: string, at: number): boolean {
  let changed = false;
  for (const x of world.targets) {
    if (x.taskArn === task.arn && x.targetGroupArn === tg && x.deregisteredAt === undefined) {
      x.deregisteredAt = at;
      changed = true;
    }
  }
  return changed;
}

/**
 * Applies a production traffic share to the target groups: green RUNNING tasks join the
 * production target group as soon as they have a share; the blue tasks leave it (draining) when
 * green has all of it, and rejoin it when green has none (a rollback).
 */
export function applyTraffic(
  world: World,
  service: Service,
  green: readonly Task[],
  blue: readonly Task[],
  weight: number,
  at: number,
): void {
  for (const pair of targetGroupPairs(world, service)) {
    if (!pair.alternate) continue;
    for (const task of green) {
      if (task.lastStatus !== 'RUNNING') continue;
      if (weight > 0) registerIn(world, task, pair.production, pair.port, at);
      else deregisterFrom(world, task, pair.production, at);
    }
    for (const task of blue) {
      if (task.lastStatus !== 'RUNNING') continue;
      if (weight >= 100) deregisterFrom(world, task, pair.production, at);
      else registerIn(world, task, pair.production, pair.port, at);
    }
  }
}

/** Moves a rollout to `stage`, on the deployment and on its service-deployment record. */
export function enterStage(
  d: Deployment,
  record: { lifecycleStage?: LifecycleStage; updatedAt: number } | undefined,
  stage: LifecycleStage,
  at: number,
): void {
  if (!d.rollout) return;
  d.rollout.stage = stage;
  delete d.rollout.waitUntil;
  d.updatedAt = at;
  if (record) {
    record.lifecycleStage = stage;
    record.updatedAt = at;
  }
}
