import { primaryDeployment } from './deployments.js';
import { describeRef, shortTaskDefinition } from './format.js';
import type { ServiceDeploymentObservation, ServiceObservation, TaskObservation } from './types.js';
import type { DeploymentRef } from './verdict.js';

// A deployment id that DescribeServices no longer lists, although tasks were launched under it
// (ListTasks `startedBy` = the id), is over: ECS drops a deployment from `deployments[]` once a
// newer PRIMARY completes. ECS's history (ListServiceDeployments, newest first) says how it
// ended: STOPPED with a `statusReason` when a newer deployment replaced it mid-way, SUCCESSFUL
// when it completed before being replaced, ROLLBACK_* when the circuit breaker rolled it back
// (ServiceDeploymentStatus in botocore's ecs model). The history does not carry the `ecs-svc/…`
// id, so our record is the newest one whose target runs the task definition our tasks ran.

/** How our no-longer-listed deployment ended, as far as ECS tells. */
export interface Supersession {
  /** Our task definition, from the ref or our tasks. */
  taskDefinition?: string;
  /** Our record in ECS's history, when found. */
  record?: ServiceDeploymentObservation;
  /** The next newer record: what replaced ours. */
  by?: ServiceDeploymentObservation;
  /** The deployment (DescribeServices) that replaced ours, when it is still listed. */
  byDeployment?: DeploymentRef;
}

function createdMs(r: ServiceDeploymentObservation): number {
  return r.createdAt?.getTime() ?? 0;
}

/**
 * How `ref` ended, when tasks prove it existed and DescribeServices no longer lists it;
 * undefined when nothing proves it existed (it may be a stale first read: wait instead).
 */
export function supersession(
  ref: DeploymentRef,
  service: ServiceObservation,
  history: readonly ServiceDeploymentObservation[] | undefined,
  stoppedTasks: readonly TaskObservation[] | undefined,
): Supersession | undefined {
  const ours = (stoppedTasks ?? []).filter((t) => t.startedBy === ref.id);
  if (ours.length === 0) return undefined;
  const taskDefinition =
    ref.taskDefinition ?? ours.find((t) => t.taskDefinitionArn)?.taskDefinitionArn;
  const newestFirst = [...(history ?? [])].sort((a, b) => createdMs(b) - createdMs(a));
  // Our record launched our tasks, so it is not younger than the first of them; and it is not
  // the PRIMARY's record (ours is not listed) unless ECS rolled ours back within that record.
  const created = ours.flatMap((t) => t.createdAt?.getTime() ?? []);
  const firstTask = created.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...created);
  const at = newestFirst.findIndex(
    (r) =>
      taskDefinition !== undefined &&
      r.taskDefinition === taskDefinition &&
      createdMs(r) <= firstTask &&
      (r.serviceDeploymentArn !== service.currentServiceDeployment ||
        r.status?.startsWith('ROLLBACK') === true),
  );
  const result: Supersession = {};
  if (taskDefinition !== undefined) result.taskDefinition = taskDefinition;
  const record = at < 0 ? undefined : newestFirst[at];
  if (record !== undefined) result.record = record;
  const by = at > 0 ? newestFirst[at - 1] : undefined;
  if (by !== undefined) result.by = by;
  const primary = primaryDeployment(service);
  const byDeployment =
    by === undefined
      ? primary
      : by.serviceDeploymentArn === service.currentServiceDeployment
        ? primary
        : (service.deployments ?? []).find((d) => d.taskDefinition === by.taskDefinition);
  if (byDeployment?.id !== undefined && byDeployment.id !== ref.id) {
    result.byDeployment = { id: byDeployment.id };
    if (byDeployment.taskDefinition !== undefined)
      result.byDeployment.taskDefinition = byDeployment.taskDefinition;
  }
  return result;
}

/** True when ECS's history says the circuit breaker (or StopServiceDeployment) rolled ours back. */
export function wasRolledBack(s: Supersession): boolean {
  return s.record?.status?.startsWith('ROLLBACK') === true;
}

/** The one-line account of a superseded deployment, naming what replaced it. */
export function supersededMessage(ref: DeploymentRef, s: Supersession): string {
  const ours: DeploymentRef =
    s.taskDefinition === undefined ? ref : { ...ref, taskDefinition: s.taskDefinition };
  const byState = s.by?.status === undefined ? '' : `, which is ${s.by.status}`;
  const by =
    s.byDeployment !== undefined
      ? `deployment ${describeRef(s.byDeployment)}${byState}`
      : s.by !== undefined
        ? `a later deployment of ${shortTaskDefinition(s.by.taskDefinition)}${byState}`
        : 'a later deployment of this service';
  const record = s.record;
  const how =
    record === undefined
      ? ''
      : `, and ECS's deployment history has it ${record.status ?? '?'}` +
        (record.statusReason === undefined ? '' : ` ("${record.statusReason}")`);
  return (
    `deployment ${describeRef(ours)} was superseded by ${by}: DescribeServices no longer lists it` +
    `${how} — nothing of it is left to wait for`
  );
}
