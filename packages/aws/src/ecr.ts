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
import { call } from './errors.js';

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

/** EcrApi over the SDK v3 client. */
export function sdkEcrApi(settings: AwsSettings): EcrApi {
  const client = new ECRClient(clientConfig(settings));
  return {
    getAuthorizationToken: (input) =>
      call('ecr:GetAuthorizationToken', () => client.send(new GetAuthorizationTokenCommand(input))),
    describeRepositories: (input) =>
      call('ecr:DescribeRepositories', () => client.send(new DescribeRepositoriesCommand(input))),
    createRepository: (input) =>
      call('ecr:CreateRepository', () => client.send(new CreateRepositoryCommand(input))),
    batchGetImage: (input) =>
      call('ecr:BatchGetImage', () => client.send(new BatchGetImageCommand(input))),
    putImage: (input) => call('ecr:PutImage', () => client.send(new PutImageCommand(input))),
    describeImages: (input) =>
      call('ecr:DescribeImages', () => client.send(new DescribeImagesCommand(input))),
  };
}
