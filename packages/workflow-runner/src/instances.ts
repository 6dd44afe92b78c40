import type { Job } from '@actions/workflow-parser/model/workflow-template';
import type { NeedsContext, RunEnvironment } from './job-setup.js';
import { runJob } from './job.js';
import { expandMatrix, instanceName } from './matrix.js';
import { displayText, evaluateToken } from './tokens.js';
import type { JobRecord } from './types.js';

/** Merges the instances of a matrix job into the record `needs` sees. */
export function combineInstances(
  id: string,
  name: string,
  instances: readonly JobRecord[],
): JobRecord {
  const results = instances.map((instance) => instance.result);
  return {
    id,
    name,
    result: results.includes('failure')
      ? 'failure'
      : results.includes('cancelled')
        ? 'cancelled'
        : 'success',
    // "the last matrix job that runs will override the output value" (GitHub docs)
    outputs: Object.assign({}, ...instances.map((instance) => instance.outputs)) as Record<
      string,
      string
    >,
    droppedOutputs: instances.flatMap((instance) => instance.droppedOutputs),
    annotations: instances.flatMap((instance) => instance.annotations),
    steps: [],
    masked: [...new Set(instances.flatMap((instance) => instance.masked))],
    durationMs: instances.reduce((sum, instance) => sum + instance.durationMs, 0),
    instances,
  };
}

/**
 * Runs a job once, or once per `strategy.matrix` combination, in order. With fail-fast (the
 * default) the instances after a failed one are cancelled, as GitHub cancels those in progress.
 */
export async function runJobInstances(
  run: RunEnvironment,
  job: Job,
  needs: NeedsContext,
  contexts: Readonly<Record<string, unknown>>,
): Promise<JobRecord> {
  const strategy = evaluateToken(job.strategy, { contexts });
  const settings = (typeof strategy === 'object' && strategy !== null ? strategy : {}) as Record<
    string,
    unknown
  >;
  const matrix = settings.matrix;
  if (typeof matrix !== 'object' || matrix === null) return runJob(run, job, needs);
  const combinations = expandMatrix(matrix as Record<string, unknown>);
  const failFast = settings['fail-fast'] !== false && settings['fail-fast'] !== 'false';
  const id = job.id.value;
  const records: JobRecord[] = [];
  for (const [index, combination] of combinations.entries()) {
    if (failFast && records.some((record) => record.result === 'failure')) {
      const name = instanceName(id, combination);
      run.emit({
        type: 'job-skipped',
        job: id,
        reason: `${name} cancelled: fail-fast after a failed instance`,
      });
      records.push({
        id,
        name,
        result: 'cancelled',
        outputs: {},
        droppedOutputs: [],
        annotations: [],
        steps: [],
        masked: [],
        durationMs: 0,
        matrix: combination,
      });
      continue;
    }
    const record = await runJob(run, job, needs, {
      matrix: combination,
      index,
      total: combinations.length,
      failFast,
    });
    records.push({ ...record, matrix: combination });
  }
  return combineInstances(id, job.name === undefined ? id : displayText(job.name), records);
}
