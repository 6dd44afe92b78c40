import {
  DeregisterTaskDefinitionCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopServiceDeploymentCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type DeregisterTaskDefinitionCommandInput,
  type DeregisterTaskDefinitionCommandOutput,
  type DescribeServiceDeploymentsCommandInput,
  type DescribeServiceDeploymentsCommandOutput,
  type DescribeServiceRevisionsCommandInput,
  type DescribeServiceRevisionsCommandOutput,
  type DescribeServicesCommandInput,
  type DescribeServicesCommandOutput,
  type DescribeTaskDefinitionCommandInput,
  type DescribeTaskDefinitionCommandOutput,
  type DescribeTasksCommandInput,
  type DescribeTasksCommandOutput,
  type ListServiceDeploymentsCommandInput,
  type ListServiceDeploymentsCommandOutput,
  type ListTaskDefinitionsCommandInput,
  type ListTaskDefinitionsCommandOutput,
  type ListTasksCommandInput,
  type ListTasksCommandOutput,
  type RegisterTaskDefinitionCommandInput,
  type RegisterTaskDefinitionCommandOutput,
  type RunTaskCommandInput,
  type RunTaskCommandOutput,
  type StopServiceDeploymentCommandInput,
  type StopServiceDeploymentCommandOutput,
  type StopTaskCommandInput,
  type StopTaskCommandOutput,
  type UpdateServiceCommandInput,
  type UpdateServiceCommandOutput,
} from '@aws-sdk/client-ecs';
import { clientConfig, type AwsSettings } from './config.js';
import { explainedCall } from './errors.js';
import type { AwsExplainer } from './explainer.js';

/** The ECS operations the actions use, and nothing else; tests hand in a plain object. */
export interface EcsApi {
  describeServices(input: DescribeServicesCommandInput): Promise<DescribeServicesCommandOutput>;
  updateService(input: UpdateServiceCommandInput): Promise<UpdateServiceCommandOutput>;
  describeTaskDefinition(
    input: DescribeTaskDefinitionCommandInput,
  ): Promise<DescribeTaskDefinitionCommandOutput>;
  registerTaskDefinition(
    input: RegisterTaskDefinitionCommandInput,
  ): Promise<RegisterTaskDefinitionCommandOutput>;
  listTaskDefinitions(
    input: ListTaskDefinitionsCommandInput,
  ): Promise<ListTaskDefinitionsCommandOutput>;
  deregisterTaskDefinition(
    input: DeregisterTaskDefinitionCommandInput,
  ): Promise<DeregisterTaskDefinitionCommandOutput>;
  listTasks(input: ListTasksCommandInput): Promise<ListTasksCommandOutput>;
  describeTasks(input: DescribeTasksCommandInput): Promise<DescribeTasksCommandOutput>;
  listServiceDeployments(
    input: ListServiceDeploymentsCommandInput,
  ): Promise<ListServiceDeploymentsCommandOutput>;
  describeServiceDeployments(
    input: DescribeServiceDeploymentsCommandInput,
  ): Promise<DescribeServiceDeploymentsCommandOutput>;
  describeServiceRevisions(
    input: DescribeServiceRevisionsCommandInput,
  ): Promise<DescribeServiceRevisionsCommandOutput>;
  stopServiceDeployment(
    input: StopServiceDeploymentCommandInput,
  ): Promise<StopServiceDeploymentCommandOutput>;
  runTask(input: RunTaskCommandInput): Promise<RunTaskCommandOutput>;
  stopTask(input: StopTaskCommandInput): Promise<StopTaskCommandOutput>;
}

/**
 * EcsApi over the SDK v3 client; every failure becomes a classified AwsError, explained by the
 * action's inputs when `explainer` is given (and then a service DescribeServices lists as MISSING
 * before the step ever saw it is such a failure too).
 */
export function sdkEcsApi(settings: AwsSettings, explainer?: AwsExplainer): EcsApi {
  const client = new ECSClient(clientConfig(settings));
  const call = <T>(operation: string, input: object, send: () => Promise<T>): Promise<T> =>
    explainedCall(settings, explainer, operation, input, send);
  return {
    describeServices: async (input) => {
      const answer = await call('ecs:DescribeServices', input, () =>
        client.send(new DescribeServicesCommand(input)),
      );
      explainer?.checkServices(input, answer, settings);
      return answer;
    },
    updateService: (input) =>
      call('ecs:UpdateService', input, () => client.send(new UpdateServiceCommand(input))),
    describeTaskDefinition: (input) =>
      call('ecs:DescribeTaskDefinition', input, () =>
        client.send(new DescribeTaskDefinitionCommand(input)),
      ),
    registerTaskDefinition: (input) =>
      call('ecs:RegisterTaskDefinition', input, () =>
        client.send(new RegisterTaskDefinitionCommand(input)),
      ),
    listTaskDefinitions: (input) =>
      call('ecs:ListTaskDefinitions', input, () =>
        client.send(new ListTaskDefinitionsCommand(input)),
      ),
    deregisterTaskDefinition: (input) =>
      call('ecs:DeregisterTaskDefinition', input, () =>
        client.send(new DeregisterTaskDefinitionCommand(input)),
      ),
    listTasks: (input) =>
      call('ecs:ListTasks', input, () => client.send(new ListTasksCommand(input))),
    describeTasks: (input) =>
      call('ecs:DescribeTasks', input, () => client.send(new DescribeTasksCommand(input))),
    listServiceDeployments: (input) =>
      call('ecs:ListServiceDeployments', input, () =>
        client.send(new ListServiceDeploymentsCommand(input)),
      ),
    describeServiceDeployments: (input) =>
      call('ecs:DescribeServiceDeployments', input, () =>
        client.send(new DescribeServiceDeploymentsCommand(input)),
      ),
    describeServiceRevisions: (input) =>
      call('ecs:DescribeServiceRevisions', input, () =>
        client.send(new DescribeServiceRevisionsCommand(input)),
      ),
    stopServiceDeployment: (input) =>
      call('ecs:StopServiceDeployment', input, () =>
        client.send(new StopServiceDeploymentCommand(input)),
      ),
    runTask: (input) => call('ecs:RunTask', input, () => client.send(new RunTaskCommand(input))),
    stopTask: (input) => call('ecs:StopTask', input, () => client.send(new StopTaskCommand(input))),
  };
}

/**
 * A task definition as a plain JSON document — the SDK hands back Dates and undefined members,
 * and every package that edits or compares definitions works on JSON — with its tags.
 */
export async function describeTaskDefinitionDocument(
  ecs: EcsApi,
  name: string,
  withTags = true,
): Promise<{ definition: Record<string, unknown>; tags: { key: string; value: string }[] }> {
  const answer = await ecs.describeTaskDefinition({
    taskDefinition: name,
    ...(withTags ? { include: ['TAGS' as const] } : {}),
  });
  const definition = JSON.parse(JSON.stringify(answer.taskDefinition ?? {})) as Record<
    string,
    unknown
  >;
  const tags = (answer.tags ?? []).map((tag) => ({ key: tag.key ?? '', value: tag.value ?? '' }));
  return { definition, tags };
}
