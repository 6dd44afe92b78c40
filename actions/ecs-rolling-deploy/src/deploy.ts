import { ActionError, InputError, type Logger, type SummaryWriter } from '@ecs-deploy/action-kit';
import { AwsError, type EcsApi } from '@ecs-deploy/aws';
import type { Clock, FollowResult } from '@ecs-deploy/deployment';
import { followDeployment, type PollingClients } from '@ecs-deploy/rollout-watch';
import {
  checkRoleAccounts,
  readDefinitionFile,
  registerUnlessLive,
  revisionTags,
  type Revision,
} from '@ecs-deploy/revision';
import type { DeployInputs } from './inputs.js';
import { activeRevisions, revisionsToDeregister } from './revisions.js';
import { currentImages, readService, rollingOut, waitForRollouts } from './service-state.js';
import { serviceRevisionOf, updateService, type Started } from './update.js';
import { serviceKey } from '@ecs-deploy/task-definition';

/** What deploying needs from outside. */
export interface DeployDeps {
  readonly ecs: EcsApi;
  /** The follower's clients, one attempt per call (it retries within its own budgets). */
  readonly polling: PollingClients;
  readonly readFile: (path: string) => string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly summary: SummaryWriter;
  readonly signal: AbortSignal;
}

/** What happened. */
export interface DeployOutcome {
  readonly revision: Revision;
  readonly started: Started;
  /** The service revision of our deployment (used by rollback-digest). */
  readonly serviceRevisionArn: string;
  readonly previousTaskDefinitionArn: string;
  readonly previousImages: Readonly<Record<string, string>>;
  readonly followed?: FollowResult;
  readonly deregistered: readonly string[];
}

/** Registers and rolls; mutates nothing until every check has passed. */
export async function deploy(inputs: DeployInputs, deps: DeployDeps): Promise<DeployOutcome> {
  const { ecs, log } = deps;
  const definition = readDefinitionFile(
    deps.readFile,
    inputs.taskDefinitionPath,
    'Pass the task-definition output of render-task-def from this job.',
  );
  let service = await readService(ecs, inputs.cluster, inputs.service);
  // The service's ARN names the account it lives in, which spares an STS round trip.
  checkRoleAccounts(definition, service.serviceArn?.split(':')[4] ?? '', inputs.taskDefinitionPath);
  const strategy = service.deploymentConfiguration?.strategy ?? 'ROLLING';
  if (inputs.bakeTimeMinutes !== undefined && strategy === 'ROLLING')
    throw new InputError(
      'bake-time',
      `is set, but service '${inputs.service}' deploys with the ROLLING strategy, which has no bake time`,
      'bake-time only for a BLUE_GREEN, LINEAR or CANARY service',
      'The strategy is the service’s own (set by your infrastructure code); leave bake-time empty.',
    );
  const busy = rollingOut(service);
  if (busy.length > 0) {
    if (inputs.ifInProgress === 'fail') {
      throw new ActionError(
        `Deployment ${busy.map((d) => d.id ?? '?').join(', ')} of '${inputs.service}' is still in progress.`,
        'Set if-deployment-in-progress: wait, or serialise deploys with a job-level `concurrency:` group per service.',
      );
    }
    service = await waitForRollouts(
      ecs,
      inputs.cluster,
      inputs.service,
      inputs.inProgressTimeoutMs,
      deps.clock,
      (line) => {
        log.info(line);
      },
      deps.signal,
    );
  }
  const previousTaskDefinitionArn = service.taskDefinition ?? '';
  const previousImages = await currentImages(ecs, service).catch((error: unknown) => {
    if (error instanceof AwsError && error.kind === 'access-denied') {
      log.warning(`previous-images is empty: ${error.message}`);
      return {};
    }
    throw error;
  });
  const revision = await registerUnlessLive(
    ecs,
    definition,
    service.taskDefinition,
    revisionTags(deps.env, inputs.tags, serviceKey(inputs.cluster, inputs.service)),
  );
  log.info(
    revision.registered
      ? `registered ${revision.arn}`
      : `${revision.arn} is already live and equal; not registering a duplicate`,
  );
  const started = await updateService(ecs, inputs, service, revision.arn);
  log.info(
    `service ${inputs.cluster}/${inputs.service} → ${revision.arn}, deployment ${started.deploymentId}`,
  );
  // Looked up after the log line above, so a failure here still leaves the deployment named.
  const serviceRevisionArn = await serviceRevisionOf(ecs, started.service);
  if (inputs.wait === undefined)
    return {
      revision,
      started,
      serviceRevisionArn,
      previousTaskDefinitionArn,
      previousImages,
      deregistered: [],
    };
  const followed = await followDeployment(
    {
      clients: deps.polling,
      cluster: inputs.cluster,
      service: inputs.service,
      deploymentId: started.deploymentId,
      taskDefinitionArn: revision.arn,
      wait: inputs.wait,
      clock: deps.clock,
    },
    { log, summary: deps.summary, signal: deps.signal },
  );
  const deregistered =
    followed.outcome === 'healthy' ? await pruneRevisions(inputs, deps, revision.arn) : [];
  return {
    revision,
    started,
    serviceRevisionArn,
    previousTaskDefinitionArn,
    previousImages,
    followed,
    deregistered,
  };
}

async function pruneRevisions(
  inputs: DeployInputs,
  deps: DeployDeps,
  ours: string,
): Promise<string[]> {
  if (inputs.keepRevisions === 0) return [];
  const family = ours.slice(
    ours.indexOf(':task-definition/') + ':task-definition/'.length,
    ours.lastIndexOf(':'),
  );
  const service = await readService(deps.ecs, inputs.cluster, inputs.service);
  const inUse = new Set(
    (service.deployments ?? []).flatMap((d) =>
      d.taskDefinition === undefined ? [] : [d.taskDefinition],
    ),
  );
  const candidates = revisionsToDeregister(
    await activeRevisions(deps.ecs, family),
    inputs.keepRevisions,
    inUse,
    ours,
  );
  const mine = serviceKey(inputs.cluster, inputs.service);
  const doomed: string[] = [];
  for (const arn of candidates) {
    // Another service (often another environment) may share the family: only revisions this
    // action registered for this service are ours to remove.
    const { tags } = await deps.ecs.describeTaskDefinition({
      taskDefinition: arn,
      include: ['TAGS'],
    });
    if (!(tags ?? []).some((tag) => tag.key === 'ecs-deploy:service' && tag.value === mine))
      continue;
    await deps.ecs.deregisterTaskDefinition({ taskDefinition: arn });
    doomed.push(arn);
  }
  if (doomed.length > 0)
    deps.log.info(
      `deregistered ${doomed.length} old revision(s) of ${family}: ${doomed.map((a) => a.slice(a.lastIndexOf(':') + 1)).join(', ')}`,
    );
  return doomed;
}
