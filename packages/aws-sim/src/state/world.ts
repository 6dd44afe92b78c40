import type { Behaviour } from '../engine/scenario.js';
import type { Timings } from '../engine/timeline.js';
import { DEFAULT_TIMINGS } from '../engine/timeline.js';
import { uuid } from '../ids.js';
import { AlarmStore } from '../cloudwatch/store.js';
import { LogStore } from '../logs/store.js';
import type {
  Cluster,
  Service,
  ServiceEvent,
  ServiceRevision,
  Target,
  TargetGroup,
  Task,
  TaskDefinitionRecord,
} from './model.js';

/** Who the caller is, as STS GetCallerIdentity reports it. */
export interface Identity {
  arn: string;
  userId: string;
}

/** Scenarios set at run time or in the seed, by digest or by `repository:tag`. */
export class ScenarioRules {
  readonly byDigest = new Map<string, Behaviour>();
  readonly byImage = new Map<string, Behaviour>();

  /** The behaviour set for an image, digest rules first; undefined when none applies. */
  lookup(
    digest: string | undefined,
    repository: string | undefined,
    tag: string | undefined,
  ): Behaviour | undefined {
    if (digest !== undefined) {
      const hit = this.byDigest.get(digest);
      if (hit) return hit;
    }
    if (repository !== undefined && tag !== undefined)
      return this.byImage.get(`${repository}:${tag}`);
    return undefined;
  }

  /** Forgets every rule. */
  clear(): void {
    this.byDigest.clear();
    this.byImage.clear();
  }
}

const MAX_EVENTS = 100;

/** All simulated AWS state of one account and region. */
export class World {
  readonly clusters = new Map<string, Cluster>();
  /** Task definition revisions by family, revision 1 first. */
  readonly taskDefinitions = new Map<string, TaskDefinitionRecord[]>();
  /** Services by `cluster/name`. */
  readonly services = new Map<string, Service>();
  readonly revisions = new Map<string, ServiceRevision>();
  /** Tasks by id, in creation order. */
  readonly tasks = new Map<string, Task>();
  /** Target groups by ARN. */
  readonly targetGroups = new Map<string, TargetGroup>();
  readonly targets: Target[] = [];
  readonly scenarios = new ScenarioRules();
  /** RunTask clientToken → the ids of the tasks it started (a retried call starts nothing). */
  readonly runTaskTokens = new Map<string, string[]>();
  /** CloudWatch Logs: log groups → streams → events. */
  readonly logs = new LogStore();
  /** CloudWatch metric alarms (deployment alarms read their state here). */
  readonly alarms: AlarmStore;
  timings: Timings = { ...DEFAULT_TIMINGS };
  identity: Identity;
  private ipCounter = 0;

  constructor(
    readonly account: string,
    readonly region: string,
  ) {
    this.identity = { arn: `arn:aws:iam::${account}:user/ci`, userId: 'AIDASIMULATORUSER01' };
    this.alarms = new AlarmStore(region, account);
  }

  /** `arn:aws:ecs:<region>:<account>:<resource>`. */
  ecsArn(resource: string): string {
    return `arn:aws:ecs:${this.region}:${this.account}:${resource}`;
  }

  clusterArn(name: string): string {
    return this.ecsArn(`cluster/${name}`);
  }

  /** Resolves a cluster name or ARN (default: `default`) to an ACTIVE cluster, if any. */
  findCluster(nameOrArn: string | undefined): Cluster | undefined {
    const name = lastSegment(nameOrArn ?? 'default');
    const c = this.clusters.get(name);
    return c?.status === 'ACTIVE' ? c : undefined;
  }

  /** Resolves a service name or ARN within a cluster. */
  findService(clusterName: string, nameOrArn: string): Service | undefined {
    return this.services.get(`${clusterName}/${lastSegment(nameOrArn)}`);
  }

  /** Live tasks (not yet STOPPED) of a service. */
  liveTasks(service: Service): Task[] {
    const out: Task[] = [];
    for (const t of this.tasks.values()) {
      if (
        t.clusterName === service.clusterName &&
        t.serviceName === service.name &&
        t.lastStatus !== 'STOPPED'
      ) {
        out.push(t);
      }
    }
    return out;
  }

  /** A fresh private IP for a task ENI. */
  nextIp(): string {
    const n = this.ipCounter++;
    return `10.0.${1 + Math.floor(n / 240)}.${10 + (n % 240)}`;
  }

  /** An availability zone, round robin, like a service spreading over subnets. */
  zone(n: number): string {
    return `${this.region}${'abc'[n % 3] ?? 'a'}`;
  }

  /** Adds a service event (newest first, at most 100 kept). */
  addEvent(service: Service, at: number, message: string): ServiceEvent {
    const e: ServiceEvent = { id: uuid(), createdAt: at, message };
    service.events.unshift(e);
    if (service.events.length > MAX_EVENTS) service.events.length = MAX_EVENTS;
    return e;
  }
}

/** The part after the last `/` (ARN → name); names pass through. */
export function lastSegment(nameOrArn: string): string {
  const i = nameOrArn.lastIndexOf('/');
  return i >= 0 ? nameOrArn.slice(i + 1) : nameOrArn;
}
