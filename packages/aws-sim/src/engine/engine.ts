import type { Clock } from '../clock.js';
import type { Deployment, Service, Task } from '../state/model.js';
import type { World } from '../state/world.js';
import { bakeTimeMs, firedAlarms, monitoringStarted } from './alarms.js';
import { breakerConfig, shouldTrip } from './circuit-breaker.js';
import { completeDeployment, failOnAlarms, recordOf, tripBreaker } from './deployments.js';
import { eventText, scalingReason } from './events.js';
import { planStep, rollingLimits } from './rolling.js';
import { advanceStandalone } from './standalone.js';
import { launchTask, requestStop } from './tasks.js';
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
    const byGroup = new Map<string, number>();
    const byDeployment = new Map<string, number>();
    for (const id of ids) {
      const task = this.world.tasks.get(id);
      if (!task) continue;
      const owner = service.deployments.find((d) => d.id === task.deploymentId);
      if (owner) owner.updatedAt = t;
      const groups = requestStop(
        this.world,
        task,
        t,
        'ServiceSchedulerInitiated',
        scalingReason(primary.id),
      );
      for (const g of groups) byGroup.set(g, (byGroup.get(g) ?? 0) + 1);
      if (groups.length > 0)
        byDeployment.set(task.deploymentId, (byDeployment.get(task.deploymentId) ?? 0) + 1);
    }
    for (const [g, n] of byGroup)
      this.world.addEvent(service, t, eventText.deregistered(service.name, n, g));
    for (const [d, n] of byDeployment)
      this.world.addEvent(service, t, eventText.draining(service.name, d, n));
    this.world.addEvent(service, t, eventText.stopped(service.name, ids));
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
      }
    }
    return next;
  }
}
