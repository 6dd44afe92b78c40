import { ACTIONS_VERSION, runAction } from '@ecs-deploy/action-kit';
import { awsExplainer, awsSettingsFrom, sdkEcsApi, sdkElbApi } from '@ecs-deploy/aws';
import { outcomeError } from '@ecs-deploy/deployment';
import { followDeployment, followOutputs } from '@ecs-deploy/rollout-watch';
import { readInputs } from './inputs.js';

await runAction('wait-healthy', async ({ inputs, outputs, log, summary, env, signal }) => {
  const parsed = readInputs(inputs);
  // The driver retries within its own budget, so each poll is a single attempt.
  const settings = { ...awsSettingsFrom(env, 'wait-healthy', ACTIONS_VERSION), maxAttempts: 1 };
  const explain = awsExplainer({
    params: { cluster: 'cluster', service: 'service', services: 'service' },
    given: (name) => inputs.optional(name),
  });
  const result = await followDeployment(
    { ecs: sdkEcsApi(settings, explain), elb: sdkElbApi(settings, explain), ...parsed },
    { log, summary, signal },
  );
  outputs.setAll(followOutputs(result));
  const error = outcomeError(result);
  if (error !== undefined) throw error;
});
