import type { EcsApi } from '@ecs-deploy/aws';
import type { DeploymentConfiguration, Service } from '@aws-sdk/client-ecs';
import type { DeployInputs } from './inputs.js';

/** The deployment configuration to send: the service's own, with the inputs' changes. */
export function deploymentConfiguration(
  current: DeploymentConfiguration | undefined,
  inputs: DeployInputs,
): DeploymentConfiguration {
  const breaker = current?.deploymentCircuitBreaker ?? { enable: false, rollback: false };
  return {
    ...current,
    ...(inputs.minimumHealthyPercent === undefined
      ? {}
      : { minimumHealthyPercent: inputs.minimumHealthyPercent }),
    ...(inputs.maximumPercent === undefined ? {} : { maximumPercent: inputs.maximumPercent }),
    deploymentCircuitBreaker:
      inputs.circuitBreaker === 'keep'
        ? breaker
        : {
            ...breaker,
            enable: inputs.circuitBreaker !== 'off',
            rollback: inputs.circuitBreaker === 'rollback',
          },
    ...(inputs.bakeTimeMinutes === undefined ? {} : { bakeTimeInMinutes: inputs.bakeTimeMinutes }),
    // The inputs' alarms replace the service's; without them its own (if any) stay as they are.
    ...(inputs.alarms === undefined
      ? {}
      : {
          alarms: {
            alarmNames: [...inputs.alarms.alarmNames],
            enable: true,
            rollback: inputs.alarms.rollback,
          },
        }),
  };
}

/** What UpdateService started. */
export interface Started {
  /** Our deployment: the PRIMARY one in the UpdateService answer. */
  readonly deploymentId: string;
  readonly service: Service;
}

/** Points the service at `taskDefinitionArn` and records which deployment is ours. */
export async function updateService(
  ecs: EcsApi,
  inputs: DeployInputs,
  current: Service,
  taskDefinitionArn: string,
): Promise<Started> {
  const answer = await ecs.updateService({
    cluster: inputs.cluster,
    service: inputs.service,
    taskDefinition: taskDefinitionArn,
    forceNewDeployment: inputs.forceNewDeployment,
    deploymentConfiguration: deploymentConfiguration(current.deploymentConfiguration, inputs),
    ...(inputs.desiredCount === undefined ? {} : { desiredCount: inputs.desiredCount }),
  });
  const service = answer.service ?? current;
  const primary = (service.deployments ?? []).find((d) => d.status === 'PRIMARY');
  return { deploymentId: primary?.id ?? '', service };
}

/** The service revision ECS recorded for the service's current deployment ('' when none). */
export async function serviceRevisionOf(ecs: EcsApi, service: Service): Promise<string> {
  if (service.currentServiceDeployment === undefined) return '';
  const described = await ecs.describeServiceDeployments({
    serviceDeploymentArns: [service.currentServiceDeployment],
  });
  return described.serviceDeployments?.[0]?.targetServiceRevision?.arn ?? '';
}
