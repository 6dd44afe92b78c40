import type { Clock } from '../clock.js';
import type { Deployment, LifecycleStage, Service, Task } from '../state/model.js';
import type { World } from '../state/world.js';
import { bakeTimeMs, firedAlarms, monitoringStarted } from './alarms.js';
import { breakerConfig, shouldTrip } from './circuit-breaker.js';
import { completeDeployment, failOnAlarms, recordOf, tripBreaker } from './deployments.js';
import { eventText } from './events.js';
import { planStep, rollingLimits } from './rolling.js';
import { advanceStandalone } from './standalone.js';
import { stopServiceTasks } from './stop.js';
import {
  applyTraffic,
  bakeMs,
  deregisterFrom,
  enterStage,
  firstWeight,
  nextWeight,
  shiftWaitMs,
  stageIndex,
  strategyConfig,
  targetGroupPairs,
  type StrategyConfig,
} from './strategies.js';
import { launchTask } from './tasks.js';
import { advanceTask, nextTransitionAt } from './transitions.js';

const TICK = 1000;
const S = 1000;

/**
 * The service scheduler. State only moves when `sync()` catches it up to the clock (every API
 * call does), stepping through simulated time and skipping stretches where nothing can change,
 * so a test with a manual clock sees exactly the same sequence as a fast real-time run.
 */
export class Engine {
  private last: number;

  constructor(
    private readonly world: World,
    private readonly clock: Clock,
  ) {
    this.last = clock.now();
  }

  /** Simulated time the world has been advanced to. */
  get time(): number {
    return this.last;
  }

  /** Advances the world to the clock's current time. */
  sync(): void {
    this.advanceTo(this.clock.now());
  }

  /** Advances the world to `now` (epoch ms), tick by tick. */
  advanceTo(now: number): void {
    let t = this.last;
    while (t + TICK <= now) {
      t += TICK;
      if (this.tick(t)) continue;
      const next = this.nextWake(t);
      if (next > now) {
        t = now;
        break;
      }
      // Nothing can change before `next`: land the next tick on it.
      if (next > t + TICK) t = next - TICK;
    }
    this.last = Math.max(this.last, t);
  }

  /** Runs one scheduling pass at time `t`; true when anything changed. */
  tick(t: number): boolean {
    let changed = false;
    for (const service of this.world.services.values()) {
      if (service.status === 'INACTIVE') continue;
      for (const task of this.world.liveTasks(service))
        changed = advanceTask(this.world, service, task, t) || changed;
      changed = this.schedule(service, t) || changed;
    }
    for (const task of this.world.tasks.values()) {
      if (task.standalone && task.lastStatus !== 'STOPPED')
        changed = advanceStandalone(this.world, task, t) || changed;
    }
    return changed;
  }

  /** The scheduler pass for one service; true when it changed anything. */
  private schedule(service: Service, t: number): boolean {
    const live = this.world.liveTasks(service);
    if (service.status === 'DRAINING') return this.drainService(service, live, t);
    const primary = service.deployments[0];
    if (!primary) return false;
    let changed = false;
    const cfg = breakerConfig(service.deploymentConfiguration);
    for (const d of [...service.deployments]) {
      if (
        d.rolloutState === 'IN_PROGRESS' &&
        shouldTrip(cfg, d.failedTasks, service.desiredCount)
      ) {
        tripBreaker(this.world, service, d, t);
        changed = true;
      }
      changed = this.watchAlarms(service, d, t) || changed;
    }
    const current = service.deployments[0] ?? primary;
    if (current.rollout && current.rolloutState !== 'COMPLETED')
      return this.scheduleStrategy(service, current, t) || changed;
    const running = live.filter((task) => task.desiredStatus === 'RUNNING');
    const mine = running.filter((task) => task.deploymentId === current.id);
    const order = new Map(service.deployments.map((d, i) => [d.id, i]));
    const others = running
      .filter((task) => task.deploymentId !== current.id)
      .sort((a, b) => (order.get(b.deploymentId) ?? 0) - (order.get(a.deploymentId) ?? 0));
    const dc = service.deploymentConfiguration;
    const limits = rollingLimits(
      service.desiredCount,
      typeof dc.minimumHealthyPercent === 'number' ? dc.minimumHealthyPercent : 100,
      typeof dc.maximumPercent === 'number' ? dc.maximumPercent : 200,
    );
    const plan = planStep({
      desired: service.desiredCount,
      limits,
      primary: mine.map((task) => ({ id: task.id, healthy: task.healthy })),
      old: others.map((task) => ({ id: task.id, healthy: task.healthy })),
      canLaunch: current.rolloutState !== 'FAILED' && t >= current.launchBackoffUntil,
    });
    if (plan.stop.length > 0) {
      this.stopTasks(service, current, plan.stop, t);
      changed = true;
    }
    if (plan.launch > 0) {
      this.launch(service, current, plan.launch, t);
      changed = true;
    }
    if (plan.stuck && !current.stuckReported) {
      current.stuckReported = true;
      this.world.addEvent(service, t, eventText.stuck(service.name));
      changed = true;
    }
    return this.maybeComplete(service, current, t) || changed;
  }

  /**
   * One pass for a BLUE_GREEN / LINEAR / CANARY deployment (docs/aws-behaviour.md#native-deployment-strategies):
   * the full green set beside blue, then one lifecycle stage per pass unless a stage waits (for
   * healthy green tasks, a step's bake time, the bake time, blue tasks to stop). A FAILED
   * deployment that did not roll back stays as it is.
   */
  private scheduleStrategy(service: Service, d: Deployment, t: number): boolean {
    const r = d.rollout;
    if (!r || d.rolloutState !== 'IN_PROGRESS') return false;
    const record = recordOf(service, d);
    const cfg = strategyConfig(record?.deploymentConfiguration ?? service.deploymentConfiguration);
    const live = this.world.liveTasks(service);
    const green = live.filter((x) => x.deploymentId === d.id && x.desiredStatus === 'RUNNING');
    const blue = live.filter((x) => x.deploymentId !== d.id && x.desiredStatus === 'RUNNING');
    const healthy = green.filter((x) => x.healthy).length;
    let changed = false;
    const scaled = stageIndex(r.stage) >= stageIndex('SCALE_UP');
    const missing = service.desiredCount - green.length;
    if (scaled && missing > 0 && t >= d.launchBackoffUntil) {
      this.launch(service, d, missing, t);
      changed = true;
    }
    const to = (stage: LifecycleStage): boolean => {
      enterStage(d, record, stage, t);
      return true;
    };
    switch (r.stage) {
      case 'RECONCILE_SERVICE':
        return to('PRE_SCALE_UP');
      case 'PRE_SCALE_UP':
        to('SCALE_UP');
        if (missing > 0) this.launch(service, d, missing, t);
        return true;
      case 'SCALE_UP':
        return (healthy >= service.desiredCount && to('POST_SCALE_UP')) || changed;
      case 'POST_SCALE_UP':
        return to('TEST_TRAFFIC_SHIFT');
      case 'TEST_TRAFFIC_SHIFT':
        return to('POST_TEST_TRAFFIC_SHIFT');
      case 'POST_TEST_TRAFFIC_SHIFT':
        to('PRODUCTION_TRAFFIC_SHIFT');
        this.shiftTraffic(service, d, green, blue, firstWeight(cfg), cfg, t);
        return true;
      case 'PRODUCTION_TRAFFIC_SHIFT':
        if (r.weight >= 100) return to('POST_PRODUCTION_TRAFFIC_SHIFT');
        if (r.waitUntil !== undefined && t < r.waitUntil) return changed;
        this.shiftTraffic(service, d, green, blue, nextWeight(cfg, r.weight), cfg, t);
        return true;
      case 'POST_PRODUCTION_TRAFFIC_SHIFT':
        to('BAKE_TIME');
        // Nothing to bake against when no blue task runs (a new service's first deployment).
        r.waitUntil = t + (blue.length > 0 ? bakeMs(cfg) : 0);
        return true;
      case 'BAKE_TIME':
        if (r.waitUntil !== undefined && t < r.waitUntil) return changed;
        to('CLEAN_UP');
        this.cleanUp(service, d, green, blue, t);
        return true;
      case 'CLEAN_UP':
        if (live.some((x) => x.deploymentId !== d.id) || healthy < service.desiredCount)
          return changed;
        completeDeployment(this.world, service, d, t);
        return true;
    }
  }

  /** Gives the green tasks `weight` percent of production traffic; a partial share then holds. */
  private shiftTraffic(
    service: Service,
    d: Deployment,
    green: readonly Task[],
    blue: readonly Task[],
    weight: number,
    cfg: StrategyConfig,
    t: number,
  ): void {
    const r = d.rollout;
    if (!r) return;
    r.weight = weight;
    d.updatedAt = t;
    delete r.waitUntil;
    if (weight < 100) r.waitUntil = t + (blue.length > 0 ? shiftWaitMs(cfg) : 0);
    applyTraffic(this.world, service, green, blue, weight, t);
  }

  /** CLEAN_UP: the blue tasks stop; the green tasks leave the alternate (test) target group. */
  private cleanUp(
    service: Service,
    d: Deployment,
    green: readonly Task[],
    blue: readonly Task[],
    t: number,
  ): void {
    for (const pair of targetGroupPairs(this.world, service)) {
      if (!pair.alternate) continue;
      for (const task of green) deregisterFrom(this.world, task, pair.alternate, t);
    }
    if (blue.length > 0)
      this.stopTasks(
        service,
        d,
        blue.map((x) => x.id),
        t,
      );
  }

  /**
   * Deployment alarms (docs/aws-behaviour.md#deployment-alarms): once a task of the PRIMARY
   * deployment runs, an alarm it watches that went into ALARM fails it. The state is read from the
   * simulator's CloudWatch store at each tick.
   */
  private watchAlarms(service: Service, d: Deployment, t: number): boolean {
    if (d.rolloutState !== 'IN_PROGRESS' || d.status !== 'PRIMARY') return false;
    const record = recordOf(service, d);
    if (record?.alarms.status !== 'MONITORING' || !monitoringStarted(this.world, d)) return false;
    const fired = firedAlarms(this.world, record);
    if (fired.length === 0) return false;
    failOnAlarms(this.world, service, d, fired, t);
    return true;
  }

  private stopTasks(
    service: Service,
    primary: Deployment,
    ids: readonly string[],
    t: number,
  ): void {
    stopServiceTasks(this.world, service, primary, ids, t);
  }

  private launch(service: Service, d: Deployment, count: number, t: number): void {
    d.updatedAt = t;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const task = launchTask(
        this.world,
        service,
        d,
        t,
        t + i * this.world.timings.launchStaggerSeconds * S,
      );
      ids.push(task.id);
    }
    const replaced = Math.min(count, service.unhealthyReplacements);
    service.unhealthyReplacements -= replaced;
    this.world.addEvent(service, t, eventText.started(service.name, ids, replaced));
  }

  private maybeComplete(service: Service, d: Deployment, t: number): boolean {
    if (d.rolloutState !== 'IN_PROGRESS') return false;
    const live = this.world.liveTasks(service);
    const healthy = live.filter(
      (task) => task.deploymentId === d.id && task.desiredStatus === 'RUNNING' && task.healthy,
    ).length;
    const othersLive = live.some((task) => task.deploymentId !== d.id);
    if (healthy !== service.desiredCount || othersLive) return false;
    // With deployment alarms ECS keeps watching for a bake time before it calls the deployment done.
    const record = recordOf(service, d);
    if (record?.alarms.status === 'MONITORING') {
      if (d.bakeUntil === undefined) {
        d.bakeUntil = t + bakeTimeMs(this.world, record.alarms.alarmNames);
        if (d.bakeUntil > t) return true;
      }
      if (t < d.bakeUntil) return false;
    }
    completeDeployment(this.world, service, d, t);
    return true;
  }

  private drainService(service: Service, live: Task[], t: number): boolean {
    const running = live.filter((task) => task.desiredStatus === 'RUNNING');
    const primary = service.deployments[0];
    if (running.length > 0 && primary) {
      this.stopTasks(
        service,
        primary,
        running.map((task) => task.id),
        t,
      );
      return true;
    }
    if (live.length === 0) {
      service.status = 'INACTIVE';
      for (const d of service.deployments) {
        const r = recordOf(service, d);
        if (r && (r.status === 'IN_PROGRESS' || r.status === 'ROLLBACK_IN_PROGRESS')) {
          r.status = 'STOPPED';
          r.statusReason = 'Service deleted.';
          r.stoppedAt = t;
        }
      }
      return true;
    }
    return false;
  }

  /** The earliest time after `t` at which any task transition or launch backoff ends. */
  private nextWake(t: number): number {
    let next = Number.POSITIVE_INFINITY;
    const consider = (x: number | undefined): void => {
      if (x !== undefined && x > t && x < next) next = x;
    };
    for (const task of this.world.tasks.values()) consider(nextTransitionAt(task));
    for (const service of this.world.services.values()) {
      for (const d of service.deployments) {
        consider(d.launchBackoffUntil);
        consider(d.bakeUntil);
        consider(d.rollout?.waitUntil);
      }
    }
    return next;
  }
}
