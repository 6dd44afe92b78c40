import { counts } from '../ecs/render.js';
import type { World } from '../state/world.js';
import type { SimState } from './types.js';

/** A compact view of every service and its deployments (pure over the world). */
export function summarize(world: World, now: number): SimState {
  return {
    now,
    services: [...world.services.values()].map((s) => {
      const live = world.liveTasks(s);
      const all = counts(live, () => true);
      return {
        cluster: s.clusterName,
        name: s.name,
        status: s.status,
        desiredCount: s.desiredCount,
        runningCount: all.running,
        pendingCount: all.pending,
        taskDefinition: s.taskDefinitionArn,
        deployments: s.deployments.map((d) => {
          const c = counts(live, (t) => t.deploymentId === d.id);
          const mine = live.filter((t) => t.deploymentId === d.id && t.desiredStatus === 'RUNNING');
          return {
            id: d.id,
            status: d.status,
            rolloutState: d.rolloutState,
            taskDefinition: d.taskDefinitionArn,
            failedTasks: d.failedTasks,
            runningCount: c.running,
            pendingCount: c.pending,
            desiredRunningCount: mine.length,
            healthyCount: mine.filter((t) => t.healthy).length,
            ...(d.rollout
              ? { lifecycleStage: d.rollout.stage, trafficPercent: d.rollout.weight }
              : {}),
          };
        }),
      };
    }),
  };
}
