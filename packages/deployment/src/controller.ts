/*
 * Who deploys a service is its `deploymentController.type` (ECS's DeploymentController shape:
 * ECS | CODE_DEPLOY | EXTERNAL; ECS when absent). Only ECS runs the rolling updates (and the
 * native blue/green, linear and canary strategies) these actions start and follow. For a
 * CODE_DEPLOY service, ECS refuses UpdateService with a new task definition (deployments go through
 * CodeDeploy); for EXTERNAL, task sets are driven with CreateTaskSet/UpdateServicePrimaryTaskSet.
 * So the actions read the controller first and refuse before changing anything.
 */

/** The part of a service that names its deployment controller. */
export interface ControlledService {
  readonly serviceName?: string;
  readonly deploymentController?: { readonly type?: string };
}

const FIX: Readonly<Record<string, string>> = {
  CODE_DEPLOY:
    'Deploy it through AWS CodeDeploy (a CreateDeployment with an AppSpec naming the new task definition), or move the service to ECS-controlled deployments (deploymentController ECS; ECS also offers blue/green with strategy BLUE_GREEN).',
  EXTERNAL:
    'Its task sets are managed outside ECS (CreateTaskSet, UpdateServicePrimaryTaskSet): deploy with that controller, or move the service to ECS-controlled deployments (deploymentController ECS).',
};

/** The service's deployment controller type (`ECS` when the answer leaves it out). */
export function controllerType(service: ControlledService): string {
  return service.deploymentController?.type ?? 'ECS';
}

/**
 * Why `action` cannot deploy or follow this service, or undefined when ECS controls it.
 * The message names the service and its controller; the fix says what to use instead.
 */
export function controllerProblem(
  service: ControlledService,
  action: string,
): { message: string; fix: string } | undefined {
  const type = controllerType(service);
  if (type === 'ECS') return undefined;
  return {
    message: `Service '${service.serviceName ?? '?'}' has the deployment controller ${type}, so ECS does not run its deployments, and ${action} works only with ECS-controlled services.`,
    fix:
      FIX[type] ??
      'Use the tool that controls its deployments, or set its deploymentController to ECS.',
  };
}
