import { InputError, runAction } from '@ecs-deploy/action-kit';
import { awsExplainer, awsSettingsFrom, sdkEcsApi, sdkElbApi } from '@ecs-deploy/aws';
import { outcomeError } from '@ecs-deploy/deployment';
import { followDeployment, followOutputs, readWaitInputs } from '@ecs-deploy/follow';

const VERSION = '0.1.0';

await runAction('wait-healthy', async ({ inputs, outputs, log, summary, env, signal }) => {
  const cluster = inputs.required('cluster', 'the ECS cluster name or ARN');
  const service = inputs.required('service', 'the ECS service name or ARN');
  const deploymentId = inputs.optional('deployment-id');
  if (deploymentId !== undefined && !/^ecs-svc\/\d+$/.test(deploymentId)) {
    throw new InputError(
      'deployment-id',
      `is "${deploymentId}"`,
      'an ECS deployment id such as ecs-svc/4135006185409410497 (the deployment-id output of ecs-rolling-deploy)',
    );
  }
  const taskDefinitionArn = inputs.optional('task-definition-arn');
  const wait = readWaitInputs(inputs);
  // The driver retries within its own budget, so each poll is a single attempt.
  const settings = { ...awsSettingsFrom(env, 'wait-healthy', VERSION), maxAttempts: 1 };
  const explain = awsExplainer({
    params: { cluster: 'cluster', service: 'service', services: 'service' },
    given: (name) => inputs.optional(name),
  });
  const result = await followDeployment(
    {
      ecs: sdkEcsApi(settings, explain),
      elb: sdkElbApi(settings, explain),
      cluster,
      service,
      ...(deploymentId === undefined ? {} : { deploymentId }),
      ...(taskDefinitionArn === undefined ? {} : { taskDefinitionArn }),
      wait,
    },
    { log, summary, signal },
  );
  outputs.setAll(followOutputs(result));
  const error = outcomeError(result);
  if (error !== undefined) throw error;
});
