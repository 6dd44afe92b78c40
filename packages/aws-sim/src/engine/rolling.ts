/** The two bounds of a rolling update, in tasks. */
export interface RollingLimits {
  /** ceil(desired × minimumHealthyPercent / 100): healthy tasks that must stay up. */
  minHealthy: number;
  /** floor(desired × maximumPercent / 100): tasks allowed in PENDING or RUNNING. */
  maxTasks: number;
}

/** Computes the rolling bounds with ECS's rounding (min rounds up, max rounds down). */
export function rollingLimits(
  desired: number,
  minimumHealthyPercent: number,
  maximumPercent: number,
): RollingLimits {
  return {
    minHealthy: Math.ceil((desired * minimumHealthyPercent) / 100),
    maxTasks: Math.floor((desired * maximumPercent) / 100),
  };
}

/** A live task (desired RUNNING) as the planner sees it. */
export interface PlanTask {
  id: string;
  healthy: boolean;
}

/** Everything one scheduling step depends on. */
export interface PlanInput {
  desired: number;
  limits: RollingLimits;
  /** Live tasks of the PRIMARY deployment. */
  primary: readonly PlanTask[];
  /** Live tasks of older deployments, oldest first. */
  old: readonly PlanTask[];
  /** False when the PRIMARY may not launch (FAILED, backing off, service draining). */
  canLaunch: boolean;
}

/** What one scheduling step does. */
export interface Plan {
  /** Task ids to stop now (old tasks, or PRIMARY tasks above the desired count). */
  stop: string[];
  /** How many PRIMARY tasks to launch now. */
  launch: number;
  /** True when the configuration lets nothing move (ECS reports it as an event). */
  stuck: boolean;
}

/**
 * One step of the rolling update (pure): stop old tasks while the healthy total stays at or
 * above minHealthy (unhealthy old tasks can always go), then launch PRIMARY tasks while the
 * live total stays within maxTasks and the PRIMARY is below the desired count.
 */
export function planStep(input: PlanInput): Plan {
  const { desired, limits } = input;
  const stop: string[] = [];
  const primaryExcess = Math.max(0, input.primary.length - desired);
  const surplus = [...input.primary]
    .sort((a, b) => Number(a.healthy) - Number(b.healthy))
    .slice(0, primaryExcess);
  stop.push(...surplus.map((t) => t.id));
  const keptPrimary = input.primary.filter((t) => !stop.includes(t.id));

  const healthyPrimary = keptPrimary.filter((t) => t.healthy).length;
  let healthyOld = input.old.filter((t) => t.healthy).length;
  for (const t of input.old) if (!t.healthy) stop.push(t.id);
  for (const t of input.old) {
    if (!t.healthy) continue;
    if (healthyOld + healthyPrimary - 1 < limits.minHealthy) break;
    stop.push(t.id);
    healthyOld -= 1;
  }
  const liveOld = input.old.filter((t) => !stop.includes(t.id)).length;
  const live = keptPrimary.length + liveOld;
  const launch = input.canLaunch
    ? Math.max(0, Math.min(limits.maxTasks - live, desired - keptPrimary.length))
    : 0;
  const stuck =
    input.canLaunch &&
    launch === 0 &&
    stop.length === 0 &&
    liveOld > 0 &&
    keptPrimary.length < desired &&
    limits.maxTasks <= desired &&
    limits.minHealthy >= desired;
  return { stop, launch, stuck };
}
