import type { Deployment, Service } from '../state/model.js';
import type { World } from '../state/world.js';
import { eventText, scalingReason } from './events.js';
import { requestStop } from './tasks.js';

/**
 * The scheduler stops service tasks on behalf of the PRIMARY deployment `primary`: each drains
 * from its target groups, and the service gets ECS's deregistered / draining / stopped events.
 */
export function stopServiceTasks(
  world: World,
  service: Service,
  primary: Deployment,
  ids: readonly string[],
  t: number,
): void {
  const byGroup = new Map<string, number>();
  const byDeployment = new Map<string, number>();
  for (const id of ids) {
    const task = world.tasks.get(id);
    if (!task) continue;
    const owner = service.deployments.find((d) => d.id === task.deploymentId);
    if (owner) owner.updatedAt = t;
    const groups = requestStop(
      world,
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
    world.addEvent(service, t, eventText.deregistered(service.name, n, g));
  for (const [d, n] of byDeployment)
    world.addEvent(service, t, eventText.draining(service.name, d, n));
  world.addEvent(service, t, eventText.stopped(service.name, ids));
}
