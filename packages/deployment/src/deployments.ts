import type { DeploymentObservation, ServiceObservation } from './types.js';
import type { DeploymentRef } from './verdict.js';

/** The deployment with this id, if ECS still lists it. */
export function findDeployment(
  service: ServiceObservation,
  id: string,
): DeploymentObservation | undefined {
  return (service.deployments ?? []).find((d) => d.id === id);
}

/** The PRIMARY deployment (newest if ECS briefly shows more than one). */
export function primaryDeployment(service: ServiceObservation): DeploymentObservation | undefined {
  const primaries = (service.deployments ?? []).filter((d) => d.status === 'PRIMARY');
  return primaries.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
}

/** Our deployment: PRIMARY first, since a re-deploy of the same revision leaves an older ACTIVE twin. */
export function findByTaskDefinition(
  service: ServiceObservation,
  taskDefinitionArn: string,
): DeploymentObservation | undefined {
  const matching = (service.deployments ?? []).filter(
    (d) => d.taskDefinition === taskDefinitionArn,
  );
  return matching.find((d) => d.status === 'PRIMARY') ?? matching[0];
}

/** Id + task definition of a deployment. */
export function refOf(d: DeploymentObservation): DeploymentRef {
  const ref: DeploymentRef = { id: d.id ?? '?' };
  if (d.taskDefinition !== undefined) ref.taskDefinition = d.taskDefinition;
  return ref;
}

const rollbackPattern = /rolling back to deployment(?:Id)? (ecs-svc\/\d+)/;

/** The deployment ECS rolls back to, from a rolloutStateReason or a service event. */
export function rollbackTargetIn(text: string | undefined): string | undefined {
  return text === undefined ? undefined : rollbackPattern.exec(text)?.[1];
}

/** True when ECS's event says this deployment failed (circuit breaker or alarm). */
export function isFailureEventFor(message: string, deploymentId: string): boolean {
  return message.includes(`(deployment ${deploymentId}) deployment failed`);
}

/** True when the service is configured to roll a failed deployment back. */
export function rollbackEnabled(service: ServiceObservation): boolean {
  const cfg = service.deploymentConfiguration;
  const breaker = cfg?.deploymentCircuitBreaker;
  const alarms = cfg?.alarms;
  return (
    (breaker?.enable === true && breaker.rollback === true) ||
    (alarms?.enable === true && alarms.rollback === true)
  );
}

/** True when ECS's circuit breaker watches this service's deployments. */
export function circuitBreakerEnabled(service: ServiceObservation): boolean {
  return service.deploymentConfiguration?.deploymentCircuitBreaker?.enable === true;
}

/** Tasks (running + pending) still held by a deployment. */
export function taskCount(d: DeploymentObservation): number {
  return (d.runningCount ?? 0) + (d.pendingCount ?? 0);
}

/** What of each deployment counts as movement: status, rollout state and task counts. */
export function deploymentCounts(
  service: ServiceObservation | undefined,
): (string | number | undefined)[][] {
  return (service?.deployments ?? []).map((d) => [
    d.id,
    d.status,
    d.rolloutState,
    d.desiredCount,
    d.runningCount,
    d.pendingCount,
    d.failedTasks,
  ]);
}
