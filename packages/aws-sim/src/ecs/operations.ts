import type { Handler } from '../state/context.js';
import { createCluster, deleteCluster, describeClusters, listClusters } from './clusters.js';
import {
  describeServiceDeployments,
  describeServiceRevisions,
  listServiceDeployments,
  stopServiceDeployment,
} from './service-deployments.js';
import {
  createService,
  deleteService,
  describeServices,
  listServices,
  updateService,
} from './services.js';
import { listTagsForResource, tagResource, untagResource } from './tagging.js';
import { runTask, stopTask } from './run-task.js';
import { describeTasks, listTasks } from './tasks-api.js';
import {
  deregisterTaskDefinition,
  describeTaskDefinition,
  listTaskDefinitionFamilies,
  listTaskDefinitions,
  registerTaskDefinition,
} from './task-definitions.js';

/** Every ECS operation the simulator implements; anything else is an unknown operation. */
export const ECS_OPERATIONS: Readonly<Record<string, Handler>> = {
  CreateCluster: createCluster,
  DescribeClusters: describeClusters,
  ListClusters: listClusters,
  DeleteCluster: deleteCluster,
  RegisterTaskDefinition: (input, ctx, now) => registerTaskDefinition(ctx.world, input, now),
  DescribeTaskDefinition: (input, ctx) => describeTaskDefinition(ctx.world, input),
  DeregisterTaskDefinition: (input, ctx, now) => deregisterTaskDefinition(ctx.world, input, now),
  ListTaskDefinitions: (input, ctx) => listTaskDefinitions(ctx.world, input),
  ListTaskDefinitionFamilies: (input, ctx) => listTaskDefinitionFamilies(ctx.world, input),
  CreateService: createService,
  UpdateService: updateService,
  DescribeServices: describeServices,
  ListServices: listServices,
  DeleteService: deleteService,
  ListTasks: listTasks,
  DescribeTasks: describeTasks,
  RunTask: runTask,
  StopTask: stopTask,
  ListServiceDeployments: listServiceDeployments,
  DescribeServiceDeployments: describeServiceDeployments,
  DescribeServiceRevisions: describeServiceRevisions,
  StopServiceDeployment: stopServiceDeployment,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
