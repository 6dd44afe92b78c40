import { SimConfigError } from '../errors.js';
import type { FaultKind, FaultRule } from './faults.js';

const KINDS: readonly FaultKind[] = [
  'throttle',
  'server-error',
  'reset',
  'latency',
  'expired-token',
  'access-denied',
];

/**
 * Parses the CLI's fault syntax `<target>=<kind>[:<arg>][*<times>]`, e.g.
 * `ecs:DescribeServices=throttle*2`, `ecs:*=latency:250`, `sts:*=server-error:503`.
 */
export function parseFaultSpec(text: string): FaultRule {
  const eq = text.lastIndexOf('=');
  if (eq <= 0)
    throw new SimConfigError(`fault '${text}': expected <target>=<kind>[:<arg>][*<times>]`);
  const target = text.slice(0, eq);
  let rest = text.slice(eq + 1);
  let times: number | undefined;
  const star = rest.indexOf('*');
  if (star >= 0) {
    times = Number(rest.slice(star + 1));
    if (!Number.isInteger(times) || times < 1)
      throw new SimConfigError(`fault '${text}': *<times> must be a positive integer`);
    rest = rest.slice(0, star);
  }
  const [kind = '', arg] = rest.split(':', 2);
  if (!KINDS.includes(kind as FaultKind)) {
    throw new SimConfigError(
      `fault '${text}': unknown kind '${kind}' (expected ${KINDS.join(', ')})`,
    );
  }
  const rule: FaultRule = {
    target,
    kind: kind as FaultKind,
    ...(times !== undefined ? { times } : {}),
  };
  if (kind === 'latency') {
    const ms = Number(arg);
    if (!(ms >= 0))
      throw new SimConfigError(`fault '${text}': latency needs milliseconds, e.g. latency:250`);
    rule.latencyMs = ms;
  } else if (kind === 'server-error' && arg !== undefined) {
    if (arg !== '500' && arg !== '503')
      throw new SimConfigError(`fault '${text}': server-error status must be 500 or 503`);
    rule.status = arg === '503' ? 503 : 500;
  } else if (arg !== undefined) {
    throw new SimConfigError(`fault '${text}': ${kind} takes no argument`);
  }
  return rule;
}

/** Parses the CLI's scenario syntax `<repository:tag | sha256:…>=<scenario>`. */
export function parseScenarioSpec(text: string): {
  digest?: string;
  image?: string;
  scenario: string;
} {
  const eq = text.indexOf('=');
  if (eq <= 0)
    throw new SimConfigError(`scenario '${text}': expected <repository:tag|sha256:…>=<scenario>`);
  const selector = text.slice(0, eq);
  const scenario = text.slice(eq + 1);
  return selector.startsWith('sha256:')
    ? { digest: selector, scenario }
    : { image: selector, scenario };
}
