// The simulated account the detection, API-call and chain benchmarks deploy into: fast task
// timings (a healthy rollout of 2 tasks takes ~10 s at speed 1), one target group per service so
// target health is per service, and images v1/v2 (healthy), broken (exits on start), slow.
import type { Seed } from '@ecs-deploy/aws-sim';
import { taskDefinition } from './actions.js';

export const CLUSTER = 'bench';

type SeedTaskDefinition = NonNullable<Seed['taskDefinitions']>[number];

/** Durations of the simulated tasks (seconds); see the simulator's README, "The rolling engine". */
export const FAST_TIMINGS = {
  provisioningSeconds: 1,
  pendingSeconds: 2,
  launchStaggerSeconds: 1,
  stopSeconds: 1,
  elbRegistrationSeconds: 1,
};

/** Target group health checks: healthy after 2 × 2 s; 2 s deregistration delay. */
const TARGET_GROUP = {
  port: 8080,
  healthCheckPath: '/healthz',
  healthCheckIntervalSeconds: 2,
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 2,
  deregistrationDelaySeconds: 2,
};

export type Breaker = 'rollback' | 'on';

export interface BenchService {
  readonly name: string;
  readonly breaker: Breaker;
  readonly desiredCount?: number;
}

/** Task definition revisions of family `app`, in registration order. */
export const REVISION = { v1: 'app:1', v2: 'app:2', broken: 'app:3', slow: 'app:4' } as const;

/** The seed: cluster `bench`, repository `app`, task definitions app:1…4, the given services on app:1. */
export function benchSeed(services: readonly BenchService[], slowSeconds = 60): Seed {
  return {
    timings: FAST_TIMINGS,
    clusters: [CLUSTER],
    targetGroups: services.map((s) => ({ name: `tg-${s.name}`, ...TARGET_GROUP })),
    repositories: [
      {
        name: 'app',
        imageTagMutability: 'MUTABLE',
        images: [
          { tag: 'v1' },
          { tag: 'v2' },
          { tag: 'broken', scenario: 'exit-on-start:1' },
          { tag: 'slow', scenario: `slow:${slowSeconds}` },
        ],
      },
    ],
    taskDefinitions: (['v1', 'v2', 'broken', 'slow'] as const).map(
      (tag) => taskDefinition('app', `{{registry}}/app:${tag}`) as unknown as SeedTaskDefinition,
    ),
    services: services.map((s) => ({
      cluster: CLUSTER,
      serviceName: s.name,
      taskDefinition: REVISION.v1,
      desiredCount: s.desiredCount ?? 2,
      launchType: 'FARGATE',
      deploymentConfiguration: {
        minimumHealthyPercent: 100,
        maximumPercent: 200,
        deploymentCircuitBreaker: { enable: true, rollback: s.breaker === 'rollback' },
      },
      loadBalancers: [{ targetGroup: `tg-${s.name}`, containerName: 'app', containerPort: 8080 }],
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0bench000000000001'],
          securityGroups: ['sg-0bench00000000001'],
          assignPublicIp: 'DISABLED',
        },
      },
      healthCheckGracePeriodSeconds: 0,
    })),
  };
}
