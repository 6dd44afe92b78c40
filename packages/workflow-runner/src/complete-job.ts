import type { MappingToken, TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import {
  filterJobOutputs,
  skipEnvironmentUrlWarning,
  type DroppedOutput,
  type FilteredOutputs,
} from './job-outputs.js';
import type { SecretMasker } from './masking.js';
import { entries, evaluateString } from './tokens.js';
import type { Annotation } from './types.js';

/** What the runner's "Complete job" step decides. */
export interface Completion {
  /** What `needs.<job>.outputs` will see. */
  readonly outputs: Readonly<Record<string, string>>;
  readonly dropped: readonly DroppedOutput[];
  /** The environment URL, unless empty or holding a secret. */
  readonly url?: string;
  /** Warnings for dropped outputs and URL, errors for what failed to evaluate. */
  readonly annotations: readonly Annotation[];
  /** True when the outputs or the URL failed to evaluate: the runner then fails the job. */
  readonly failed: boolean;
}

function reason(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/**
 * Evaluates `jobs.<id>.outputs` and `environment.url` with the job's final contexts (also after
 * a failed step) and filters them with the job's masker, as JobExtension.FinalizeJob does. The
 * runner evaluates all outputs in one call (EvaluateJobOutput), so one that fails to evaluate
 * sets none of them and fails the job.
 */
export function completeJob(
  outputs: MappingToken | undefined,
  environment: { readonly name: string; readonly url?: TemplateToken } | undefined,
  contexts: Readonly<Record<string, unknown>>,
  masker: SecretMasker,
): Completion {
  const annotations: Annotation[] = [];
  let failed = false;
  let filtered: FilteredOutputs = { outputs: {}, dropped: [] };
  try {
    const evaluated: Record<string, string> = {};
    for (const [name, token] of entries(outputs))
      evaluated[name] = evaluateString(token, { contexts });
    filtered = filterJobOutputs(evaluated, masker);
  } catch (thrown) {
    failed = true;
    annotations.push({ level: 'error', message: 'Fail to evaluate job outputs' });
    annotations.push({ level: 'error', message: reason(thrown) });
  }
  for (const entry of filtered.dropped)
    if (entry.warning !== undefined) annotations.push({ level: 'warning', message: entry.warning });
  let url: string | undefined;
  if (environment?.url !== undefined) {
    try {
      const value = evaluateString(environment.url, { contexts });
      if (masker.mayContainSecret(value))
        annotations.push({
          level: 'warning',
          message: skipEnvironmentUrlWarning(environment.name),
        });
      else if (value !== '') url = value;
    } catch (thrown) {
      failed = true;
      annotations.push({ level: 'error', message: 'Failed to evaluate environment url' });
      annotations.push({ level: 'error', message: reason(thrown) });
    }
  }
  return { ...filtered, ...(url === undefined ? {} : { url }), annotations, failed };
}
