// Small text helpers shared by progress lines, verdict messages and the summary.

/** `arn:aws:ecs:…:task-definition/web:8` → `web:8`; other strings unchanged. */
export function shortTaskDefinition(arn: string | undefined): string {
  if (arn === undefined || arn === '') return '?';
  return arn.includes('task-definition/') ? (arn.split('task-definition/').pop() ?? arn) : arn;
}

/** 65_000 → `1 min 5 s`; 500 → `0.5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms / 100) / 10} s`;
  // Floor, so elapsed times agree with the hh:mm:ss column next to them.
  const total = Math.floor(ms / 1_000);
  const min = Math.floor(total / 60);
  const s = total % 60;
  if (min === 0) return `${s} s`;
  return s === 0 ? `${min} min` : `${min} min ${s} s`;
}

/** `n thing` / `n things`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Date (SDK timestamps) → epoch ms; undefined stays undefined. */
export function epochMs(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : date.getTime();
}

/** `ecs-svc/123 (web:8)` */
export function describeRef(ref: { id: string; taskDefinition?: string }): string {
  return `${ref.id} (${shortTaskDefinition(ref.taskDefinition)})`;
}
