import type { Timings } from '../engine/timeline.js';
import type { JsonObject } from '../util/json.js';

/**
 * A seed: the state the simulator starts with. JSON or YAML; every section optional. In image
 * strings `{{registry}}`, `{{account}}` and `{{region}}` are replaced at load time.
 */
export interface Seed {
  /** Account id (STS, ARNs); default 123456789012. */
  account?: string;
  /** Region used in ARNs; default us-east-1. */
  region?: string;
  /** Caller identity for GetCallerIdentity. */
  identity?: { arn?: string; userId?: string };
  /** Overrides of the engine's simulated durations (seconds). */
  timings?: Partial<Timings>;
  clusters?: (string | { name: string; tags?: { key: string; value: string }[] })[];
  targetGroups?: SeedTargetGroup[];
  repositories?: SeedRepository[];
  /** RegisterTaskDefinition inputs, registered in order (revisions count up per family). */
  taskDefinitions?: JsonObject[];
  services?: SeedService[];
  /** Image behaviours: by digest or by `repository:tag`. */
  scenarios?: SeedScenario[];
}

/** A target group of the seed. */
export interface SeedTargetGroup {
  name: string;
  port?: number;
  protocol?: string;
  healthCheckPath?: string;
  healthCheckIntervalSeconds?: number;
  healthyThresholdCount?: number;
  unhealthyThresholdCount?: number;
  deregistrationDelaySeconds?: number;
}

/** An ECR repository of the seed, with synthetic images pushed into the registry. */
export interface SeedRepository {
  name: string;
  imageTagMutability?: 'MUTABLE' | 'IMMUTABLE';
  scanOnPush?: boolean;
  images?: SeedImage[];
}

/** A small synthetic image (one config, one layer); `scenario` becomes its `sim.scenario` label. */
export interface SeedImage {
  tag?: string;
  scenario?: string;
  labels?: Record<string, string>;
}

/** A service of the seed: a CreateService input plus how it starts. */
export interface SeedService {
  cluster?: string;
  serviceName: string;
  /** `family`, `family:revision` or an ARN. */
  taskDefinition: string;
  desiredCount?: number;
  launchType?: string;
  deploymentConfiguration?: JsonObject;
  /** `{ type: ECS | CODE_DEPLOY | EXTERNAL }`; the engine deploys only ECS services. */
  deploymentController?: JsonObject;
  /** Like CreateService's, but `targetGroup` may name a seed target group instead of an ARN. */
  loadBalancers?: {
    targetGroup?: string;
    targetGroupArn?: string;
    containerName: string;
    containerPort: number;
  }[];
  networkConfiguration?: JsonObject;
  healthCheckGracePeriodSeconds?: number;
  tags?: { key: string; value: string }[];
  /**
   * `steady` (default): the first deployment is already COMPLETED with healthy tasks;
   * `deploying`: it starts at time zero like a fresh CreateService.
   */
  start?: 'steady' | 'deploying';
}

/** A behaviour rule of the seed. */
export interface SeedScenario {
  digest?: string;
  /** `repository:tag`. */
  image?: string;
  scenario: string;
}
