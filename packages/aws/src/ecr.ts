import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  PutImageCommand,
  type BatchGetImageCommandInput,
  type BatchGetImageCommandOutput,
  type CreateRepositoryCommandInput,
  type CreateRepositoryCommandOutput,
  type DescribeImagesCommandInput,
  type DescribeImagesCommandOutput,
  type DescribeRepositoriesCommandInput,
  type DescribeRepositoriesCommandOutput,
  type GetAuthorizationTokenCommandInput,
  type GetAuthorizationTokenCommandOutput,
  type PutImageCommandInput,
  type PutImageCommandOutput,
} from '@aws-sdk/client-ecr';
import { clientConfig, type AwsSettings } from './config.js';
import { explainedCall } from './errors.js';
import type { AwsExplainer } from './explainer.js';

/** The ECR operations the actions use. */
export interface EcrApi {
  getAuthorizationToken(
    input: GetAuthorizationTokenCommandInput,
  ): Promise<GetAuthorizationTokenCommandOutput>;
  describeRepositories(
    input: DescribeRepositoriesCommandInput,
  ): Promise<DescribeRepositoriesCommandOutput>;
  createRepository(input: CreateRepositoryCommandInput): Promise<CreateRepositoryCommandOutput>;
  batchGetImage(input: BatchGetImageCommandInput): Promise<BatchGetImageCommandOutput>;
  putImage(input: PutImageCommandInput): Promise<PutImageCommandOutput>;
  describeImages(input: DescribeImagesCommandInput): Promise<DescribeImagesCommandOutput>;
}

/** EcrApi over the SDK v3 client; failures explained by the action's inputs with `explainer`. */
export function sdkEcrApi(settings: AwsSettings, explainer?: AwsExplainer): EcrApi {
  const client = new ECRClient(clientConfig(settings));
  const call = <T>(operation: string, input: object, send: () => Promise<T>): Promise<T> =>
    explainedCall(settings, explainer, operation, input, send);
  return {
    getAuthorizationToken: (input) =>
      call('ecr:GetAuthorizationToken', input, () =>
        client.send(new GetAuthorizationTokenCommand(input)),
      ),
    describeRepositories: (input) =>
      call('ecr:DescribeRepositories', input, () =>
        client.send(new DescribeRepositoriesCommand(input)),
      ),
    createRepository: (input) =>
      call('ecr:CreateRepository', input, () => client.send(new CreateRepositoryCommand(input))),
    batchGetImage: (input) =>
      call('ecr:BatchGetImage', input, () => client.send(new BatchGetImageCommand(input))),
    putImage: (input) => call('ecr:PutImage', input, () => client.send(new PutImageCommand(input))),
    describeImages: (input) =>
      call('ecr:DescribeImages', input, () => client.send(new DescribeImagesCommand(input))),
  };
}
