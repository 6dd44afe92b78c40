import { ActionError } from '@ecs-deploy/action-kit';
import type { EcsApi } from '@ecs-deploy/aws';
import { controllerProblem, type Clock } from '@ecs-deploy/deployment';
import type { Deployment, Service } from '@aws-sdk/client-ecs';

/**
 * Reads the service; a missing or inactive one, or one whose deployments ECS does not run
 * (CODE_DEPLOY, EXTERNAL), is an error that says so.
 */
export async function readService(ecs: EcsApi, cluster: string, service: string): Promise<Service> {
  const answer = await ecs.describeServices({ cluster, services: [service] });
  const found = answer.services?.[0];
  if (found?.status !== 'ACTIVE') {
    const why =
      found === undefined
        ? (answer.failures?.[0]?.reason ?? 'MISSING')
        : `status ${found.status ?? '?'}`;
    throw new ActionError(
      `Service '${service}' is not active in cluster '${cluster}' (${why}).`,
      'Create the service first (Terraform/CDK/console); this action updates an existing service.',
    );
  }
  const controller = controllerProblem(found, 'ecs-rolling-deploy');
  if (controller !== undefined)
    throw new ActionError(
      `${controller.message} Nothing was registered or updated.`,
      controller.fix,
    );
  return found;
}

/** Deployments still rolling out, which a new deployment would cut short. */
export function rollingOut(service: Service): Deployment[] {
  return (service.deployments ?? []).filter((d) => d.rolloutState === 'IN_PROGRESS');
}

/** Waits until no deployment of the service is rolling out, or fails after `timeoutMs`. */
export async function waitForRollouts(
  ecs: EcsApi,
  cluster: string,
  name: string,
  timeoutMs: number,
  clock: Clock,
  report: (line: string) => void,
  signal: AbortSignal,
): Promise<Service> {
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    const service = await readService(ecs, cluster, name);
    const busy = rollingOut(service);
    if (busy.length === 0) return service;
    if (clock.now() >= deadline || signal.aborted) {
      throw new ActionError(
        `Deployment ${busy.map((d) => d.id ?? '?').join(', ')} of '${name}' was still in progress after ${Math.round(timeoutMs / 1000)} s.`,
        'Raise in-progress-timeout, or serialise deploys with a job-level `concurrency:` group per service.',
      );
    }
    report(
      `waiting for deployment ${busy.map((d) => `${d.id ?? '?'} (${d.runningCount ?? 0}/${d.desiredCount ?? 0} running)`).join(', ')} to finish`,
    );
    await clock.sleep(5_000, signal);
  }
}

/** The image digest each container of the service's current revision runs (`{}` when ECS has no record). */
export async function currentImages(
  ecs: EcsApi,
  service: Service,
): Promise<Record<string, string>> {
  const deploymentArn = service.currentServiceDeployment;
  if (deploymentArn === undefined) return {};
  const deployments = await ecs.describeServiceDeployments({
    serviceDeploymentArns: [deploymentArn],
  });
  const revisionArn = deployments.serviceDeployments?.[0]?.targetServiceRevision?.arn;
  if (revisionArn === undefined) return {};
  const revisions = await ecs.describeServiceRevisions({ serviceRevisionArns: [revisionArn] });
  const images: Record<string, string> = {};
  for (const image of revisions.serviceRevisions?.[0]?.containerImages ?? []) {
    if (image.containerName !== undefined && image.imageDigest !== undefined)
      images[image.containerName] = image.imageDigest;
  }
  return images;
}
