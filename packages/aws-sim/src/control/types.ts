import type { FaultRule, RateLimitSettings } from '../faults/faults.js';
import type { LogEntry, LogFilter } from '../log/request-log.js';

/** A scenario rule set at run time: by image digest or by `repository:tag`. */
export interface ScenarioRule {
  digest?: string;
  image?: string;
  /** e.g. `exit-on-start:1`, `unhealthy`, `oom`, `crash-after:30`. */
  scenario: string;
}

/** A synthetic image to push into the simulator's registry. */
export interface PushImageRequest {
  repository: string;
  tag?: string;
  /** Written as the image's `sim.scenario` label. */
  scenario?: string;
  labels?: Record<string, string>;
  /** Create the ECR repository first when it does not exist (default true). */
  createRepository?: boolean;
}

/** A compact view of every service, for tests and for `GET /_sim/state`. */
export interface SimState {
  /** Simulated time the world has reached, epoch ms. */
  now: number;
  services: {
    cluster: string;
    name: string;
    status: string;
    desiredCount: number;
    runningCount: number;
    pendingCount: number;
    taskDefinition: string;
    deployments: {
      id: string;
      status: string;
      rolloutState: string;
      taskDefinition: string;
      failedTasks: number;
      runningCount: number;
      pendingCount: number;
      /** Tasks the scheduler wants running (desiredStatus RUNNING), whatever their state. */
      desiredRunningCount: number;
      /** Of those, the ones that count as healthy for minimumHealthyPercent. */
      healthyCount: number;
      /** BLUE_GREEN / LINEAR / CANARY deployments: the lifecycle stage. */
      lifecycleStage?: string;
      /** BLUE_GREEN / LINEAR / CANARY deployments: percent of production traffic on its tasks. */
      trafficPercent?: number;
    }[];
  }[];
}

export type { FaultRule, LogEntry, LogFilter, RateLimitSettings };
