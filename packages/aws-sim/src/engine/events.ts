/** The exact service event texts ECS writes (docs/aws-behaviour.md#service-event-texts, #circuit-breaker). */
export const eventText = {
  started(service: string, taskIds: readonly string[], replacedUnhealthy: number): string {
    const list = taskIds.map((id) => `(task ${id})`).join(' ');
    const suffix =
      replacedUnhealthy > 0
        ? ` Amazon ECS replaced ${replacedUnhealthy} tasks due to an unhealthy status.`
        : '';
    return `(service ${service}) has started ${taskIds.length} tasks: ${list}.${suffix}`;
  },
  stopped(service: string, taskIds: readonly string[]): string {
    const list = taskIds.map((id) => `(task ${id})`).join(' ');
    return `(service ${service}) has stopped ${taskIds.length} running tasks: ${list}.`;
  },
  registered(service: string, count: number, targetGroupArn: string): string {
    return `(service ${service}) registered ${count} targets in (target-group ${targetGroupArn})`;
  },
  deregistered(service: string, count: number, targetGroupArn: string): string {
    return `(service ${service}) deregistered ${count} targets in (target-group ${targetGroupArn})`;
  },
  draining(service: string, deploymentId: string, count: number): string {
    return `(service ${service}, taskSet ${deploymentId}) has begun draining connections on ${count} tasks.`;
  },
  unableToPlace(service: string, reason: string): string {
    return `(service ${service}) was unable to place a task. Reason: ${reason}.`;
  },
  elbUnhealthy(service: string, taskId: string, port: number, targetGroupArn: string): string {
    return `(service ${service}) (task ${taskId}) (port ${port}) is unhealthy in (target-group ${targetGroupArn}) due to (reason Health checks failed with these codes: [503]).`;
  },
  containerUnhealthy(service: string, taskId: string): string {
    return `(service ${service}) (task ${taskId}) failed container health checks.`;
  },
  completed(service: string, deploymentId: string): string {
    return `(service ${service}) (deployment ${deploymentId}) deployment completed.`;
  },
  steady(service: string): string {
    return `(service ${service}) has reached a steady state.`;
  },
  failed(service: string, deploymentId: string): string {
    return `(service ${service}) (deployment ${deploymentId}) deployment failed: tasks failed to start.`;
  },
  alarmFailed(service: string, deploymentId: string): string {
    return `(service ${service}) (deployment ${deploymentId}) deployment failed: alarm detected.`;
  },
  rollingBack(service: string, toDeploymentId: string): string {
    return `(service ${service}) rolling back to deployment ${toDeploymentId}.`;
  },
  stuck(service: string): string {
    return `(service ${service}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`;
  },
  throttled(service: string): string {
    return `(service ${service}) is unable to consistently start tasks successfully.`;
  },
};

/** The rolloutStateReason texts. */
export const rolloutReason = {
  inProgress: (id: string): string => `ECS deployment ${id} in progress.`,
  completed: (id: string): string => `ECS deployment ${id} completed.`,
  breakerFailed: 'ECS deployment circuit breaker: tasks failed to start.',
  rollingBack: (toId: string): string =>
    `ECS deployment circuit breaker: rolling back to deploymentId ${toId}.`,
  /** The simulator's rendering: no field report shows the alarm texts of these fields. */
  alarmFailed: (names: readonly string[]): string =>
    `ECS deployment alarms: alarm(s) ${names.join(', ')} in ALARM state.`,
  alarmRollingBack: (toId: string): string =>
    `ECS deployment alarms: rolling back to deploymentId ${toId}.`,
  stopRollback: (toId: string): string =>
    `Service deployment rolled back to deploymentId ${toId} by StopServiceDeployment.`,
};

/** The stoppedReason ECS gives old tasks it replaces. */
export function scalingReason(primaryDeploymentId: string): string {
  return `Scaling activity initiated by (deployment ${primaryDeploymentId})`;
}

/** CannotPullContainerError text for an image the registry does not have. */
export function pullErrorText(image: string): string {
  return `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: not found`;
}

/** ResourceInitializationError text for a secret without the expected JSON key. */
export function secretsErrorText(key: string): string {
  return `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): retrieved secret from Secrets Manager did not contain json key ${key}`;
}
