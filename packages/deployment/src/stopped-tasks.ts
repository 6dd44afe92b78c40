import type { ContainerObservation, TaskObservation } from './types.js';
import type { DeploymentRef, StoppedReasonGroup } from './verdict.js';

/** True when the task was launched by our deployment (by `startedBy`, else its task definition). */
export function launchedBy(task: TaskObservation, ours: DeploymentRef): boolean {
  if (task.startedBy !== undefined) return task.startedBy === ours.id;
  return task.taskDefinitionArn !== undefined && task.taskDefinitionArn === ours.taskDefinition;
}

/** True when a stopped task counts as a failure, not a normal replacement or a user's stop. */
export function isFailedTask(task: TaskObservation): boolean {
  const reason = task.stoppedReason ?? '';
  switch (task.stopCode) {
    case 'TaskFailedToStart':
    case 'EssentialContainerExited':
      return true;
    case 'ServiceSchedulerInitiated':
      // Scale-down during a rolling update is routine; failed health checks are not.
      return !reason.startsWith('Scaling activity initiated by');
    case 'UserInitiated':
    case 'SpotInterruption':
    case 'TerminationNotice':
      return false;
    default:
      return reason !== '' && !reason.startsWith('Scaling activity initiated by');
  }
}

/** Container details that explain an exit: `app: exit code 137, OutOfMemoryError: …`. */
function containerDetails(containers: readonly ContainerObservation[]): string[] {
  const details: string[] = [];
  for (const c of containers) {
    const parts: string[] = [];
    if (c.exitCode !== undefined && c.exitCode !== 0) parts.push(`exit code ${c.exitCode}`);
    if (c.reason !== undefined && c.reason !== '') parts.push(c.reason);
    if (parts.length > 0) details.push(`${c.name ?? 'container'}: ${parts.join(', ')}`);
  }
  return details;
}

/** The reason text for a stopped task, with container exits spelled out when the reason alone says little. */
export function describeStop(task: TaskObservation): string {
  const reason = task.stoppedReason ?? task.stopCode ?? 'stopped (no reason given)';
  const containers = task.containers ?? [];
  // Pull/secret errors already repeat themselves in container.reason; only exits need the detail.
  if (task.stopCode !== 'EssentialContainerExited' && !reason.startsWith('Essential container')) {
    return reason;
  }
  const details = containerDetails(containers);
  return details.length > 0 ? `${reason} (${details.join('; ')})` : reason;
}

/** Retry counts differ between otherwise identical pull errors; group them together. */
function reasonKey(reason: string): string {
  return reason.replace(/retried \d+ time\(s\)/g, 'retried N time(s)');
}

/** The key of the group a stopped task belongs to. */
export function groupKey(task: TaskObservation): string {
  return reasonKey(describeStop(task));
}

/** The key of a group, as groupKey gives it for the group's tasks. */
export function groupKeyOf(group: StoppedReasonGroup): string {
  return reasonKey(group.reason);
}

/** The line printed once for a newly stopped task. */
export function stoppedTaskLine(task: TaskObservation): string {
  const id = (task.taskArn ?? '').split('/').pop() ?? '';
  const revision = (task.taskDefinitionArn ?? '').split('/').pop() ?? '';
  const where = revision === '' ? '' : ` (${revision})`;
  return `task ${id.slice(0, 8)}${where} stopped: ${describeStop(task)}`;
}

/** Adds stopped tasks to groups (returns new groups; the input is not modified). */
export function groupStoppedTasks(
  groups: readonly StoppedReasonGroup[],
  tasks: readonly TaskObservation[],
): StoppedReasonGroup[] {
  const byKey = new Map<string, StoppedReasonGroup>();
  for (const g of groups) byKey.set(groupKeyOf(g), g);
  for (const task of tasks) {
    const key = groupKey(task);
    const prev = byKey.get(key);
    const codes = new Set(prev?.exitCodes ?? []);
    for (const c of task.containers ?? []) {
      if (c.exitCode !== undefined && c.exitCode !== 0) codes.add(c.exitCode);
    }
    const group: StoppedReasonGroup = {
      reason: prev?.reason ?? describeStop(task),
      count: (prev?.count ?? 0) + 1,
      exitCodes: [...codes].sort((a, b) => a - b),
    };
    const stopCode = prev?.stopCode ?? task.stopCode;
    if (stopCode !== undefined) group.stopCode = stopCode;
    byKey.set(key, group);
  }
  return [...byKey.values()];
}

/** `CannotPullContainerError: … (3 tasks)` */
export function formatStoppedGroup(group: StoppedReasonGroup): string {
  return `${group.reason} (${group.count} ${group.count === 1 ? 'task' : 'tasks'})`;
}
