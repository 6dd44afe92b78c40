import type { TargetGroupHealth, TargetHealthObservation } from './types.js';

/** `arn:…:targetgroup/web/0123…` → `web`. */
export function targetGroupName(arn: string): string {
  const match = /:targetgroup\/([^/]+)/.exec(arn);
  return match?.[1] ?? arn;
}

function stateOf(t: TargetHealthObservation): string {
  return t.TargetHealth?.State ?? 'unknown';
}

// Health checks switched off means the load balancer vouches for nothing; don't block on it.
function passes(t: TargetHealthObservation): boolean {
  const h = t.TargetHealth;
  return (
    h?.State === 'healthy' ||
    (h?.State === 'unavailable' && h.Reason === 'Target.HealthCheckDisabled')
  );
}

/** Targets per state over all groups, in a stable order: `healthy 2, initial 1`. */
export function targetCounts(groups: readonly TargetGroupHealth[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const g of groups) {
    for (const t of g.targets) counts.set(stateOf(t), (counts.get(stateOf(t)) ?? 0) + 1);
  }
  const order = ['healthy', 'initial', 'unhealthy', 'draining', 'unused', 'unavailable'];
  const rank = (s: string): number => (order.includes(s) ? order.indexOf(s) : order.length);
  return [...counts.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
}

/** Failing targets grouped by reason: `Target.ResponseCodeMismatch: Health checks failed with these codes: [503] (target group web, 2 targets)`. */
export function targetProblems(
  groups: readonly TargetGroupHealth[],
): { key: string; line: string }[] {
  const out: { key: string; line: string }[] = [];
  for (const g of groups) {
    const byReason = new Map<string, number>();
    for (const t of g.targets) {
      const state = stateOf(t);
      if (state !== 'unhealthy' && !(state === 'unavailable' && !passes(t))) continue;
      const h = t.TargetHealth;
      const text = [h?.Reason, h?.Description]
        .filter((s) => s !== undefined && s !== '')
        .join(': ');
      const reason = text === '' ? state : text;
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
    const name = targetGroupName(g.targetGroupArn);
    for (const [reason, n] of byReason) {
      out.push({
        key: `${g.targetGroupArn} ${reason}`,
        line: `${reason} (target group ${name}, ${n} ${n === 1 ? 'target' : 'targets'})`,
      });
    }
  }
  return out;
}

/**
 * What keeps target health from being done, empty when every group has at least `desired`
 * passing targets and nothing else (old targets must be gone, not draining).
 */
export function targetsWaitingFor(groups: readonly TargetGroupHealth[], desired: number): string[] {
  const waiting: string[] = [];
  for (const g of groups) {
    const passing = g.targets.filter(passes).length;
    const others = g.targets.filter((t) => !passes(t));
    if (passing >= desired && others.length === 0) continue;
    const states = new Map<string, number>();
    for (const t of others) states.set(stateOf(t), (states.get(stateOf(t)) ?? 0) + 1);
    const detail = [...states].map(([s, n]) => `${n} ${s}`);
    waiting.push(
      `target group ${targetGroupName(g.targetGroupArn)}: ${passing}/${desired} healthy` +
        (detail.length > 0 ? `, ${detail.join(', ')}` : ''),
    );
  }
  return waiting;
}
