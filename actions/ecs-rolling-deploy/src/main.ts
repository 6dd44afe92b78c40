import { readFileSync } from 'node:fs';
import { ACTIONS_VERSION, runAction } from '@ecs-deploy/action-kit';
import { awsExplainer, awsSettingsFrom, sdkEcsApi } from '@ecs-deploy/aws';
import { outcomeError, systemClock } from '@ecs-deploy/deployment';
import { followOutputs, pollingClients, rollbackOutputs } from '@ecs-deploy/rollout-watch';
import { deploy } from './deploy.js';
import { readInputs } from './inputs.js';

await runAction('ecs-rolling-deploy', async ({ inputs, outputs, log, summary, env, signal }) => {
  const parsed = readInputs(inputs);
  const settings = awsSettingsFrom(env, 'ecs-rolling-deploy', ACTIONS_VERSION);
  const explain = awsExplainer({
    params: {
      cluster: 'cluster',
      service: 'service',
      services: 'service',
      desiredCount: 'desired-count',
      minimumHealthyPercent: 'minimum-healthy-percent',
      maximumPercent: 'maximum-percent',
      alarmNames: 'alarms',
    },
    requests: { 'ecs:RegisterTaskDefinition': 'task-definition' },
    given: (name) => inputs.optional(name),
  });
  const result = await deploy(parsed, {
    ecs: sdkEcsApi(settings, explain),
    polling: pollingClients(settings, explain),
    readFile: (path) => readFileSync(path, 'utf8'),
    env,
    clock: systemClock,
    log,
    summary,
    signal,
  });
  outputs.setAll({
    // The follower's outputs first: our own record of the deployment wins where both have one.
    ...(result.followed === undefined ? { result: '' } : followOutputs(result.followed)),
    'task-definition-arn': result.revision.arn,
    revision: result.revision.revision,
    registered: result.revision.registered,
    'deployment-id': result.started.deploymentId,
    'service-revision-arn': result.serviceRevisionArn,
    'previous-task-definition-arn': result.previousTaskDefinitionArn,
    'previous-images': result.previousImages,
    ...rollbackOutputs(result.followed),
  });
  if (result.followed !== undefined) {
    const error = outcomeError(result.followed);
    if (error !== undefined) throw error;
  }
});
