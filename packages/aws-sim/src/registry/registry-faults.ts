/** Which registry requests a fault applies to. */
export interface RegistryFaultMatch {
  /** HTTP method (any when absent). */
  readonly method?: string;
  /** A RegExp, or a glob with `*`, tested against the request path (without query). */
  readonly path?: string | RegExp;
}

/** A fault rule for the embedded registry, as set by tests or the control API. */
export interface RegistryFaultRule {
  readonly match?: RegistryFaultMatch;
  /** Answer with this status (e.g. 500, 503), or `'reset'` to destroy the connection. */
  readonly status: number | 'reset';
  /** Apply to this many matching requests, then retire; default 1. */
  readonly count?: number;
  /** Let this many matching requests through before applying; default 0. */
  readonly after?: number;
  /**
   * `'before'` (default): the request is not processed. `'after'`: it is processed and the
   * answer is lost, so the client must find out what the registry kept.
   */
  readonly when?: 'before' | 'after';
}

/** The fault to apply to one request. */
export interface RegistryFaultDecision {
  readonly status: number | 'reset';
  readonly when: 'before' | 'after';
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

interface Active {
  readonly rule: RegistryFaultRule;
  readonly path: RegExp | undefined;
  seen: number;
  applied: number;
}

/** Holds registry fault rules and decides, per request, whether one applies. */
export class RegistryFaults {
  private rules: Active[] = [];

  /** Adds a rule; rules are evaluated in the order added. */
  inject(rule: RegistryFaultRule): void {
    const path = rule.match?.path;
    this.rules.push({
      rule,
      path: path === undefined ? undefined : typeof path === 'string' ? globToRegExp(path) : path,
      seen: 0,
      applied: 0,
    });
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** Rules that have not yet fired as often as asked. */
  pending(): number {
    return this.rules.filter((a) => a.applied < (a.rule.count ?? 1)).length;
  }

  /** The fault for this request, if any rule matches and is due (consumes one application). */
  decide(method: string, path: string): RegistryFaultDecision | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (active.applied >= (rule.count ?? 1)) continue;
      if (rule.match?.method !== undefined && rule.match.method.toUpperCase() !== method) continue;
      if (active.path !== undefined && !active.path.test(path)) continue;
      active.seen++;
      if (active.seen <= (rule.after ?? 0)) continue;
      active.applied++;
      return { status: rule.status, when: rule.when ?? 'before' };
    }
    return undefined;
  }
}
