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
  StopServiceDeploymentCommand,
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
  type StopServiceDeploymentCommandInput,
  type StopServiceDeploymentCommandOutput,
  type UpdateServiceCommandInput,
  type UpdateServiceCommandOutput,
} from '@aws-sdk/client-ecs';
import { clientConfig, type AwsSettings } from './config.js';
import { call } from './errors.js';

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
}

/** EcsApi over the SDK v3 client; every failure becomes a classified AwsError. */
export function sdkEcsApi(settings: AwsSettings): EcsApi {
  const client = new ECSClient(clientConfig(settings));
  return {
    describeServices: (input) =>
      call('ecs:DescribeServices', () => client.send(new DescribeServicesCommand(input))),
    updateService: (input) =>
      call('ecs:UpdateService', () => client.send(new UpdateServiceCommand(input))),
    describeTaskDefinition: (input) =>
      call('ecs:DescribeTaskDefinition', () =>
        client.send(new DescribeTaskDefinitionCommand(input)),
      ),
    registerTaskDefinition: (input) =>
      call('ecs:RegisterTaskDefinition', () =>
        client.send(new RegisterTaskDefinitionCommand(input)),
      ),
    listTaskDefinitions: (input) =>
      call('ecs:ListTaskDefinitions', () => client.send(new ListTaskDefinitionsCommand(input))),
    deregisterTaskDefinition: (input) =>
      call('ecs:DeregisterTaskDefinition', () =>
        client.send(new DeregisterTaskDefinitionCommand(input)),
      ),
    listTasks: (input) => call('ecs:ListTasks', () => client.send(new ListTasksCommand(input))),
    describeTasks: (input) =>
      call('ecs:DescribeTasks', () => client.send(new DescribeTasksCommand(input))),
    listServiceDeployments: (input) =>
      call('ecs:ListServiceDeployments', () =>
        client.send(new ListServiceDeploymentsCommand(input)),
      ),
    describeServiceDeployments: (input) =>
      call('ecs:DescribeServiceDeployments', () =>
        client.send(new DescribeServiceDeploymentsCommand(input)),
      ),
    describeServiceRevisions: (input) =>
      call('ecs:DescribeServiceRevisions', () =>
        client.send(new DescribeServiceRevisionsCommand(input)),
      ),
    stopServiceDeployment: (input) =>
      call('ecs:StopServiceDeployment', () => client.send(new StopServiceDeploymentCommand(input))),
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
