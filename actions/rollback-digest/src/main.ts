import { ACTIONS_VERSION, runAction } from '@ecs-deploy/action-kit';
import { awsExplainer, awsSettingsFrom, sdkEcsApi } from '@ecs-deploy/aws';
import { outcomeError } from '@ecs-deploy/deployment';
import { followDeployment, followOutputs, pollingClients } from '@ecs-deploy/rollout-watch';
import { followRequest } from './follow-request.js';
import { readInputs } from './inputs.js';
import { rollbackSummary } from './report.js';
import { rollback } from './rollback.js';

await runAction('rollback-digest', async ({ inputs, outputs, log, summary, env, signal }) => {
  // Every input (digests included) is checked before the first AWS client exists.
  const parsed = readInputs(inputs);
  const settings = awsSettingsFrom(env, 'rollback-digest', ACTIONS_VERSION);
  const explain = awsExplainer({
    params: { cluster: 'cluster', service: 'service', services: 'service' },
    given: (name) => inputs.optional(name),
  });
  const result = await rollback(parsed, {
    ecs: sdkEcsApi(settings, explain),
    log,
    env,
    follow: (deploymentId, timeoutMs) =>
      followDeployment(
        {
          clients: pollingClients(settings, explain),
          ...followRequest(parsed, deploymentId, timeoutMs),
        },
        { log, summary, signal },
      ),
  });
  summary.add(rollbackSummary(parsed, result));
  // The wait's outputs first, so ours (task-definition-arn included) win.
  outputs.setAll({
    ...(result.follow === undefined ? {} : followOutputs(result.follow)),
    'rolled-back-to': result.target.digests,
    from: result.from,
    'task-definition-arn': result.taskDefinitionArn,
    noop: result.noop,
    'target-service-deployment-arn': result.target.record?.arn ?? '',
    commit: result.commit ?? '',
  });
  if (result.follow !== undefined) {
    const error = outcomeError(result.follow);
    if (error !== undefined) throw error;
  }
});
