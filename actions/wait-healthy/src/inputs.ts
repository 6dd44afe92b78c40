import { InputError, type InputReader } from '@ecs-deploy/action-kit';
import { readWaitInputs, type WaitInputs } from '@ecs-deploy/rollout-watch';

/** wait-healthy's inputs, checked. */
export interface WaitHealthyInputs {
  readonly cluster: string;
  readonly service: string;
  /** The deployment to follow; absent: the one running `taskDefinitionArn`, else the PRIMARY one. */
  readonly deploymentId?: string;
  readonly taskDefinitionArn?: string;
  readonly wait: WaitInputs;
}

/** The shape of an ECS deployment id, as DescribeServices and ecs-rolling-deploy give it. */
const DEPLOYMENT_ID = /^ecs-svc\/\d+$/;

/** `value` when it is an ECS deployment id (`ecs-svc/<digits>`); otherwise an InputError naming `input`. */
export function checkDeploymentId(input: string, value: string): string {
  if (!DEPLOYMENT_ID.test(value)) {
    throw new InputError(
      input,
      `is "${value}"`,
      'an ECS deployment id such as ecs-svc/4135006185409410497 (the deployment-id output of ecs-rolling-deploy)',
    );
  }
  return value;
}

/** Reads every input once, in the order of action.yml; every problem names its input. */
export function readInputs(inputs: InputReader): WaitHealthyInputs {
  const cluster = inputs.required('cluster', 'the ECS cluster name or ARN');
  const service = inputs.required('service', 'the ECS service name or ARN');
  const deploymentId = inputs.optional('deployment-id');
  if (deploymentId !== undefined) checkDeploymentId('deployment-id', deploymentId);
  const taskDefinitionArn = inputs.optional('task-definition-arn');
  const wait = readWaitInputs(inputs);
  return {
    cluster,
    service,
    ...(deploymentId === undefined ? {} : { deploymentId }),
    ...(taskDefinitionArn === undefined ? {} : { taskDefinitionArn }),
    wait,
  };
}
