import { AwsError } from '../errors.js';
import type { ServiceName } from '../log/request-log.js';
import { categoryOf } from './rate-limits.js';
import { TokenBucket } from './token-bucket.js';

/** What a fault does to a matching call. */
export type FaultKind =
  'throttle' | 'server-error' | 'reset' | 'latency' | 'expired-token' | 'access-denied';

/** A fault rule, as set from tests (control API) or the CLI. */
export interface FaultRule {
  /**
   * `service:Operation` with `*` wildcards (`ecs:*`, `ecs:DescribeServices`, `*`, `elbv2:*`), or
   * `service:@category` for a rate-limit category (`ecs:@service-modify`).
   */
  target: string;
  kind: FaultKind;
  /** For `server-error`: 500 (default) or 503. */
  status?: 500 | 503;
  /** For `latency`: milliseconds added before the call is handled. */
  latencyMs?: number;
  /** Let this many matching calls through before the rule applies. */
  after?: number;
  /** Apply to this many matching calls, then retire; unlimited when absent. */
  times?: number;
}

/** Switches the spec's token buckets on; `scale` multiplies burst and refill (e.g. 0.1). */
export interface RateLimitSettings {
  enabled: boolean;
  scale?: number;
}

/** The outcome of fault evaluation for one call. */
export interface FaultDecision {
  latencyMs: number;
  /** Answer with this error instead of handling the call. */
  error?: AwsError;
  /** Drop the connection. */
  reset: boolean;
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  applied: number;
}

const ALIASES: Record<string, ServiceName> = {
  elbv2: 'elasticloadbalancing',
  elb: 'elasticloadbalancing',
  cloudwatch: 'monitoring',
};

/** Parses `service:operation` and tells whether a call matches it. */
export function matchesTarget(target: string, service: ServiceName, operation: string): boolean {
  const [rawService = '*', op = '*'] = target.includes(':') ? target.split(':', 2) : [target, '*'];
  const svc = ALIASES[rawService] ?? rawService;
  if (svc !== '*' && svc !== service) return false;
  // `@<category>` names one of the rate-limit categories, e.g. `ecs:@service-read`.
  if (op.startsWith('@')) return categoryOf(service, operation)?.name === op.slice(1);
  return op === '*' || op === operation;
}

/** Holds fault rules and rate-limit buckets, and decides what happens to each call. */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private limits: RateLimitSettings = { enabled: false };
  private buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly account: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds a rule; rules are evaluated in the order added. */
  add(rule: FaultRule): void {
    this.rules.push({ rule, seen: 0, applied: 0 });
  }

  /** Removes every rule (rate limiting is left as it is). */
  clear(): void {
    this.rules = [];
  }

  /** The rules still in force. */
  list(): FaultRule[] {
    return this.rules.map((r) => r.rule);
  }

  /** Switches token-bucket rate limiting on or off (buckets start full). */
  setRateLimits(settings: RateLimitSettings): void {
    this.limits = settings;
    this.buckets.clear();
  }

  /** Decides the fate of one call. */
  decide(service: ServiceName, operation: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, reset: false };
    for (const active of this.rules) {
      if (!matchesTarget(active.rule.target, service, operation)) continue;
      active.seen += 1;
      if (active.seen <= (active.rule.after ?? 0)) continue;
      if (active.rule.times !== undefined && active.applied >= active.rule.times) continue;
      active.applied += 1;
      if (active.rule.kind === 'latency') {
        decision.latencyMs += active.rule.latencyMs ?? 0;
        continue;
      }
      if (active.rule.kind === 'reset') decision.reset = true;
      else decision.error = faultError(active.rule, service, operation, this.account());
      break;
    }
    this.rules = this.rules.filter((r) => r.rule.times === undefined || r.applied < r.rule.times);
    if (
      !decision.error &&
      !decision.reset &&
      this.limits.enabled &&
      !this.allow(service, operation)
    ) {
      decision.error = throttled(service);
    }
    return decision;
  }

  private allow(service: ServiceName, operation: string): boolean {
    const category = categoryOf(service, operation);
    if (!category) return true;
    const key = `${this.account()}/${category.name}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const scale = this.limits.scale ?? 1;
      bucket = new TokenBucket(
        Math.max(1, Math.round(category.burst * scale)),
        category.refillPerSecond * scale,
        this.now(),
      );
      this.buckets.set(key, bucket);
    }
    return bucket.take(this.now());
  }
}

/** Services whose error codes are awsQuery's (CloudWatch keeps them in its newer protocols). */
function isQuery(service: ServiceName): boolean {
  return service === 'sts' || service === 'elasticloadbalancing' || service === 'monitoring';
}

function throttled(service: ServiceName): AwsError {
  return new AwsError(isQuery(service) ? 'Throttling' : 'ThrottlingException', 'Rate exceeded');
}

function faultError(
  rule: FaultRule,
  service: ServiceName,
  operation: string,
  account: string,
): AwsError {
  const query = isQuery(service);
  switch (rule.kind) {
    case 'throttle':
      return throttled(service);
    case 'server-error':
      if (rule.status === 503) {
        return new AwsError(
          query ? 'ServiceUnavailable' : 'ServiceUnavailableException',
          'Service Unavailable',
          503,
        );
      }
      return new AwsError(
        query ? 'InternalFailure' : 'ServerException',
        'We encountered an internal error. Please try again.',
        500,
      );
    case 'expired-token':
      return new AwsError(
        query ? 'ExpiredToken' : 'ExpiredTokenException',
        'The security token included in the request is expired',
      );
    case 'access-denied':
      return new AwsError(
        query ? 'AccessDenied' : 'AccessDeniedException',
        `User: arn:aws:iam::${account}:user/ci is not authorized to perform: ${service}:${operation} because no identity-based policy allows the ${service}:${operation} action`,
        query ? 403 : 400,
      );
    default:
      return new AwsError('ServerException', 'fault', 500);
  }
}
