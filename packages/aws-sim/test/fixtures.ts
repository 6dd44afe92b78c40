import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import type { Seed } from '../src/index.js';
import type { JsonObject } from '../src/util/json.js';

/** Options of the test seed. */
export interface TestSeedOptions {
  desiredCount?: number;
  minimumHealthyPercent?: number;
  maximumPercent?: number;
  breaker?: { enable: boolean; rollback: boolean };
  /** Whether the service sits behind the `tg` target group (default true). */
  loadBalanced?: boolean;
}

/**
 * Cluster `c`; target group `tg` (5 s interval, 2 to healthy, 10 s deregistration delay);
 * repository `web` with healthy `v1` and `v2` and an image `bad` labelled exit-on-start:1;
 * task definition `web:1` on `web:v1`; service `svc` steady on it.
 */
export function testSeed(o: TestSeedOptions = {}): Seed {
  const lb = o.loadBalanced ?? true;
  return {
    clusters: ['c'],
    targetGroups: [
      {
        name: 'tg',
        port: 8080,
        healthCheckIntervalSeconds: 5,
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 2,
        deregistrationDelaySeconds: 10,
      },
    ],
    repositories: [
      {
        name: 'web',
        images: [{ tag: 'v1' }, { tag: 'v2' }, { tag: 'bad', scenario: 'exit-on-start:1' }],
      },
    ],
    taskDefinitions: [
      JSON.parse(JSON.stringify(taskDefinition('{{registry}}/web:v1'))) as JsonObject,
    ],
    services: [
      {
        cluster: 'c',
        serviceName: 'svc',
        taskDefinition: 'web',
        desiredCount: o.desiredCount ?? 4,
        deploymentConfiguration: {
          minimumHealthyPercent: o.minimumHealthyPercent ?? 50,
          maximumPercent: o.maximumPercent ?? 200,
          deploymentCircuitBreaker: o.breaker ?? { enable: true, rollback: true },
        },
        loadBalancers: lb ? [{ targetGroup: 'tg', containerName: 'app', containerPort: 8080 }] : [],
        networkConfiguration: {
          awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] },
        },
      },
    ],
  };
}

/** A Fargate task definition input for family `web` with one container `app`. */
export function taskDefinition(image: string): RegisterTaskDefinitionCommandInput {
  return {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'app', image, portMappings: [{ containerPort: 8080 }] }],
  };
}
