import { AwsError } from '../errors.js';

/** ECR's own error messages, worded as the service words them (docs/aws-behaviour.md#ecr-error-texts). */
export const ecrErrors = {
  repositoryNotFound: (name: string, registryId: string): AwsError =>
    new AwsError(
      'RepositoryNotFoundException',
      `The repository with name '${name}' does not exist in the registry with id '${registryId}'`,
    ),
  repositoryExists: (name: string, registryId: string): AwsError =>
    new AwsError(
      'RepositoryAlreadyExistsException',
      `The repository with name '${name}' already exists in the registry with id '${registryId}'`,
    ),
  repositoryNotEmpty: (name: string, registryId: string): AwsError =>
    new AwsError(
      'RepositoryNotEmptyException',
      `The repository with name '${name}' in registry with id '${registryId}' cannot be deleted because it still contains images`,
    ),
  imageAlreadyExists: (
    digest: string,
    tag: string | undefined,
    name: string,
    registryId: string,
  ): AwsError =>
    new AwsError(
      'ImageAlreadyExistsException',
      `Image with digest '${digest}' and tag '${tag ?? 'null'}' already exists in the repository with name '${name}' in registry with id '${registryId}'`,
    ),
  tagImmutable: (tag: string, name: string): AwsError =>
    new AwsError(
      'ImageTagAlreadyExistsException',
      `The image tag '${tag}' already exists in the '${name}' repository and cannot be overwritten because the repository is immutable.`,
    ),
  digestMismatch: (): AwsError =>
    new AwsError(
      'ImageDigestDoesNotMatchException',
      'The specified image digest does not match the digest that Amazon ECR calculated for the image',
    ),
  invalidManifest: (): AwsError =>
    new AwsError(
      'InvalidParameterException',
      "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'",
    ),
  imageNotFound: (
    digest: string | undefined,
    tag: string | undefined,
    name: string,
    registryId: string,
  ): AwsError =>
    new AwsError(
      'ImageNotFoundException',
      `The image with imageId {imageDigest:'${digest ?? 'null'}', imageTag:'${tag ?? 'null'}'} does not exist within the repository with name '${name}' in the registry with id '${registryId}'`,
    ),
};
