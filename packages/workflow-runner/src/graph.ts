import type { Status } from './expressions.js';

/** A job as far as ordering is concerned. */
export interface JobNode {
  readonly id: string;
  readonly needs: readonly string[];
}

/** The result of a finished job, as `needs.<id>.result` shows it. */
export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped';

/**
 * Orders jobs so each comes after everything it needs; among jobs that are ready at the same
 * time, file order wins, so runs are deterministic. Throws on unknown needs and cycles.
 */
export function orderJobs(jobs: readonly JobNode[]): string[] {
  const ids = new Set(jobs.map((job) => job.id));
  for (const job of jobs)
    for (const need of job.needs)
      if (!ids.has(need)) throw new Error(`Job '${job.id}' depends on unknown job '${need}'.`);
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < jobs.length) {
    const ready = jobs.find((job) => !done.has(job.id) && job.needs.every((n) => done.has(n)));
    if (ready === undefined) {
      const stuck = jobs.filter((job) => !done.has(job.id)).map((job) => job.id);
      throw new Error(`The jobs ${stuck.join(', ')} depend on each other in a cycle.`);
    }
    done.add(ready.id);
    order.push(ready.id);
  }
  return order;
}

/** Every job `id` depends on, directly or not. */
export function ancestors(id: string, jobs: readonly JobNode[]): Set<string> {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const found = new Set<string>();
  const pending = [...(byId.get(id)?.needs ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (found.has(next)) continue;
    found.add(next);
    pending.push(...(byId.get(next)?.needs ?? []));
  }
  return found;
}

/**
 * Status functions in a job's `if:`. success(): every direct need succeeded (a skipped need
 * counts against it, which is why skips propagate); failure(): any ancestor failed, as the docs
 * say for chains of jobs; cancelled(): the run was cancelled.
 */
export function jobStatus(
  needs: readonly string[],
  ancestorIds: ReadonlySet<string>,
  results: ReadonlyMap<string, JobResult>,
  runCancelled = false,
): Status {
  const failed = [...ancestorIds].some((id) => results.get(id) === 'failure');
  const anyCancelled = [...ancestorIds].some((id) => results.get(id) === 'cancelled');
  return {
    success: !runCancelled && needs.every((id) => results.get(id) === 'success'),
    failure: failed,
    cancelled: runCancelled || anyCancelled,
  };
}

/** Status functions in a step's `if:`, from the job's status so far. */
export function stepStatus(jobFailed: boolean, cancelled = false): Status {
  return { success: !jobFailed && !cancelled, failure: jobFailed, cancelled };
}
