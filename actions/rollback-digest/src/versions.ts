// Reading versions out of the history: which digests a deployment ran, which ran healthy, and what
// the service runs now. Pure.
import type { History, HistoryRecord, Revision } from './history.js';

/** Container name → image digest. */
export type DigestMap = Readonly<Record<string, string>>;

const OPEN = new Set(['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS']);

/** The digests a revision pinned, for the containers ECS resolved one for. */
export function digestsOf(revision: Revision | undefined): DigestMap {
  const out: Record<string, string> = {};
  for (const [name, c] of revision?.containers ?? [])
    if (c.digest !== undefined) out[name] = c.digest;
  return out;
}

/** True when both maps name the same containers with the same digests. */
export function sameDigests(a: DigestMap, b: DigestMap): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** True when every container of `wanted` runs that digest in `running`. */
export function runsAll(running: DigestMap, wanted: DigestMap): boolean {
  return Object.entries(wanted).every(([name, digest]) => running[name] === digest);
}

/** True while ECS is still rolling the deployment out (or rolling it back). */
export function isOpen(record: HistoryRecord): boolean {
  return OPEN.has(record.status);
}

/** True when ECS rolled (or is rolling) this deployment back. */
export function isRolledBack(record: HistoryRecord): boolean {
  return record.status.startsWith('ROLLBACK_');
}

/** The revision a deployment leaves the service on: the rollback's when ECS rolled it back. */
export function effectiveRevision(record: HistoryRecord): Revision | undefined {
  return isRolledBack(record) && record.rollbackTo !== undefined
    ? record.rollbackTo
    : record.target;
}

/** What the service runs (or is heading for) now: the newest deployment's effective revision. */
export function runningRevision(history: History): Revision | undefined {
  const newest = history.records[0];
  return newest === undefined ? undefined : effectiveRevision(newest);
}

/** Deployments whose target ran healthy: SUCCESSFUL ones, with digests recorded. */
export function healthyRecords(history: History): HistoryRecord[] {
  return history.records.filter(
    (r) => r.status === 'SUCCESSFUL' && Object.keys(digestsOf(r.target)).length > 0,
  );
}

/**
 * The index of the deployment being rolled back from — "the current version": the newest
 * deployment with recorded digests, whatever its status (after ECS's circuit breaker rolled it
 * back, the version it went back to is then the first candidate, so a rollback after the
 * breaker's is a no-op). A redeployment of an earlier version is the current version too: versions
 * are counted in the order they were deployed. The one exception is a rollback this action made
 * (`afterOwnRollback`): it is not a new version, so the deployment before it stays the current
 * one and running the same rollback again changes nothing.
 */
export function fromIndex(history: History, afterOwnRollback = false): number {
  const withDigests = (record: HistoryRecord): boolean =>
    Object.keys(digestsOf(record.target)).length > 0;
  const newest = history.records.findIndex(withDigests);
  if (!afterOwnRollback || newest < 0) return newest;
  return history.records.findIndex((record, index) => index > newest && withDigests(record));
}

/** Whether a container ran a digest in a successful deployment, and the newest such deployment. */
export function healthyRunOf(history: History, wanted: DigestMap): HistoryRecord | undefined {
  return healthyRecords(history).find((r) => runsAll(digestsOf(r.target), wanted));
}

/** Which of the wanted digests never ran healthy in the history read. */
export function neverHealthy(history: History, wanted: DigestMap): string[] {
  const healthy = healthyRecords(history).map((r) => digestsOf(r.target));
  return Object.entries(wanted)
    .filter(([name, digest]) => !healthy.some((d) => d[name] === digest))
    .map(([name, digest]) => `${name}=${digest}`);
}
