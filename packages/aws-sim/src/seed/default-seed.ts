import type { Seed } from './types.js';

/**
 * The seed used when none is given: cluster `demo`, target group `web`, repository `web` with a
 * healthy `v1` image, task definition `web` (Fargate, port 8080) and service `web` (2 tasks,
 * circuit breaker with rollback) already steady on it.
 */
export const DEFAULT_SEED: Seed = {
  account: '123456789012',
  region: 'us-east-1',
  clusters: ['demo'],
  targetGroups: [
    {
      name: 'web',
      port: 8080,
      healthCheckPath: '/healthz',
      healthCheckIntervalSeconds: 5,
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 2,
      deregistrationDelaySeconds: 10,
    },
  ],
  repositories: [{ name: 'web', imageTagMutability: 'IMMUTABLE', images: [{ tag: 'v1' }] }],
  taskDefinitions: [
    {
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      executionRoleArn: 'arn:aws:iam::{{account}}:role/ecsTaskExecutionRole',
      containerDefinitions: [
        {
          name: 'app',
          image: '{{registry}}/web:v1',
          essential: true,
          portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        },
      ],
    },
  ],
  services: [
    {
      cluster: 'demo',
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 2,
      launchType: 'FARGATE',
      deploymentConfiguration: {
        minimumHealthyPercent: 100,
        maximumPercent: 200,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      },
      loadBalancers: [{ targetGroup: 'web', containerName: 'app', containerPort: 8080 }],
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0sim0000000000001'],
          securityGroups: ['sg-0sim000000000001'],
          assignPublicIp: 'DISABLED',
        },
      },
      healthCheckGracePeriodSeconds: 0,
    },
  ],
};
