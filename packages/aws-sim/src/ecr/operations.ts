import type { Handler } from '../state/context.js';
import { batchDeleteImage, batchGetImage, describeImages, listImages } from './images-api.js';
import { putImage } from './put-image.js';
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
