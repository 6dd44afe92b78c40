import { ACTIONS_VERSION, runAction } from '@ecs-deploy/action-kit';
import { awsExplainer, awsSettingsFrom } from '@ecs-deploy/aws';
import { outcomeError } from '@ecs-deploy/deployment';
import {
  followDeployment,
  followOutputs,
  pollingClients,
  rollbackOutputs,
} from '@ecs-deploy/rollout-watch';
import { readInputs } from './inputs.js';

await runAction('wait-healthy', async ({ inputs, outputs, log, summary, env, signal }) => {
  const parsed = readInputs(inputs);
  const explain = awsExplainer({
    params: { cluster: 'cluster', service: 'service', services: 'service' },
    given: (name) => inputs.optional(name),
  });
  const result = await followDeployment(
    {
      clients: pollingClients(awsSettingsFrom(env, 'wait-healthy', ACTIONS_VERSION), explain),
      ...parsed,
    },
    { log, summary, signal },
  );
  outputs.setAll({ ...followOutputs(result), ...rollbackOutputs(result) });
  const error = outcomeError(result);
  if (error !== undefined) throw error;
});
