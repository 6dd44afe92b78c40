import type { Handler } from '../state/context.js';
import {
  batchDeleteImage,
  batchGetImage,
  describeImages,
  listImages,
  putImage,
} from './images-api.js';
import {
  createRepository,
  deleteRepository,
  describeRepositories,
  getAuthorizationToken,
} from './repositories-api.js';

/** Every ECR API operation the simulator implements. */
export const ECR_OPERATIONS: Readonly<Record<string, Handler>> = {
  CreateRepository: createRepository,
  DescribeRepositories: describeRepositories,
  DeleteRepository: deleteRepository,
  GetAuthorizationToken: getAuthorizationToken,
  BatchGetImage: batchGetImage,
  PutImage: putImage,
  BatchDeleteImage: batchDeleteImage,
  DescribeImages: describeImages,
  ListImages: listImages,
};
