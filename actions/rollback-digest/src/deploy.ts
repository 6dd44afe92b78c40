import type { EcsApi } from '@ecs-deploy/aws';
import type { RollbackInputs } from './inputs.js';
import type { Resolved } from './resolve.js';
import type { RollbackDeps } from './state.js';
import { rollbackTags } from './tags.js';
import { serviceKey } from '@ecs-deploy/task-definition';

type RegisterInput = Parameters<EcsApi['registerTaskDefinition']>[0];

/**
 * The only calls that deploy: RegisterTaskDefinition (mode digest) and UpdateService. Returns the
 * task definition the service is put on and the deployment ECS started for it.
 */
export async function deploy(
  inputs: RollbackInputs,
  resolved: Resolved,
  deps: RollbackDeps,
): Promise<{ taskDefinitionArn: string; deploymentId: string }> {
  const { ecs, log } = deps;
  const { plan, target } = resolved;
  let arn: string;
  if (plan.mode === 'digest') {
    const tags = rollbackTags({
      liveTags: resolved.liveTags,
      fromArn: resolved.liveArn,
      ...(target.record === undefined ? {} : { toDeploymentArn: target.record.arn }),
      digests: target.digests,
      ...(resolved.commit === undefined ? {} : { commit: resolved.commit }),
      extra: inputs.tags,
      env: deps.env,
      service: serviceKey(inputs.cluster, inputs.service),
    });
    const registered = await ecs.registerTaskDefinition({
      ...(plan.definition as unknown as RegisterInput),
      tags,
    });
    arn = registered.taskDefinition?.taskDefinitionArn ?? '';
    log.info(`registered ${arn}`);
  } else {
    arn = plan.taskDefinitionArn;
  }
  const updated = await ecs.updateService({
    cluster: inputs.cluster,
    service: inputs.service,
    taskDefinition: arn,
  });
  // Ours is the PRIMARY of the UpdateService answer: the id the follower must track.
  const id = updated.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
  log.info(`UpdateService started deployment ${id} of ${arn}`);
  return { taskDefinitionArn: arn, deploymentId: id };
}
