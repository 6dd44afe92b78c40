/** One rate-limit category: the actions sharing a bucket, its burst and its sustained rate. */
export interface RateCategory {
  readonly name: string;
  readonly service: 'ecs' | 'ecr' | 'sts' | 'elasticloadbalancing';
  readonly actions: readonly string[];
  readonly burst: number;
  readonly refillPerSecond: number;
}

/** ECS's per-account token buckets (docs/aws-behaviour.md#request-throttling), plus ECR's documented GetAuthorizationToken rate. */
export const RATE_CATEGORIES: readonly RateCategory[] = [
  cat('ecs', 'service-read', ['DescribeServices', 'ListServices'], 100, 20),
  cat('ecs', 'service-modify', ['CreateService', 'DeleteService', 'UpdateService'], 50, 5),
  cat(
    'ecs',
    'task-definition-read',
    ['DescribeTaskDefinition', 'ListTaskDefinitions', 'ListTaskDefinitionFamilies'],
    50,
    20,
  ),
  cat(
    'ecs',
    'task-definition-modify',
    ['RegisterTaskDefinition', 'DeregisterTaskDefinition'],
    20,
    1,
  ),
  cat('ecs', 'task-definition-deletion', ['DeleteTaskDefinitions'], 5, 1),
  cat('ecs', 'cluster-read', ['DescribeClusters', 'ListClusters'], 50, 20),
  cat(
    'ecs',
    'cluster-modify',
    [
      'CreateCluster',
      'DeleteCluster',
      'PutClusterCapacityProviders',
      'UpdateCluster',
      'UpdateClusterSettings',
    ],
    20,
    1,
  ),
  cat(
    'ecs',
    'cluster-resource-read',
    [
      'DescribeTasks',
      'ListTasks',
      'DescribeContainerInstances',
      'ListAttributes',
      'ListContainerInstances',
    ],
    100,
    20,
  ),
  cat(
    'ecs',
    'cluster-resource-modify',
    ['RunTask', 'StartTask', 'StopTask', 'ExecuteCommand'],
    100,
    40,
  ),
  cat(
    'ecs',
    'service-deployment',
    ['DescribeServiceDeployments', 'ListServiceDeployments', 'StopServiceDeployment'],
    50,
    20,
  ),
  cat('ecs', 'service-revision', ['DescribeServiceRevisions'], 50, 20),
  cat('ecs', 'tag-read', ['ListTagsForResource'], 50, 20),
  cat('ecs', 'tag-modify', ['TagResource', 'UntagResource'], 20, 10),
  cat('ecs', 'cluster-service-resource-read', ['ListServicesByNamespace'], 10, 1),
  cat('ecr', 'get-authorization-token', ['GetAuthorizationToken'], 200, 20),
];

function cat(
  service: RateCategory['service'],
  name: string,
  actions: string[],
  burst: number,
  refillPerSecond: number,
): RateCategory {
  return { service, name, actions, burst, refillPerSecond };
}

/** The category an operation belongs to, if it is rate limited. */
export function categoryOf(service: string, operation: string): RateCategory | undefined {
  return RATE_CATEGORIES.find((c) => c.service === service && c.actions.includes(operation));
}
