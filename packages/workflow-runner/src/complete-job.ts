import type { MappingToken, TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import { filterJobOutputs, skipEnvironmentUrlWarning, type DroppedOutput } from './job-outputs.js';
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
  /** Warnings for dropped outputs and URL, errors for outputs that failed to evaluate. */
  readonly annotations: readonly Annotation[];
}

/**
 * Evaluates `jobs.<id>.outputs` and `environment.url` with the job's final contexts (also after
 * a failed step) and filters them with the job's masker, as JobExtension.FinalizeJob does.
 */
export function completeJob(
  outputs: MappingToken | undefined,
  environment: { readonly name: string; readonly url?: TemplateToken } | undefined,
  contexts: Readonly<Record<string, unknown>>,
  masker: SecretMasker,
): Completion {
  const annotations: Annotation[] = [];
  const evaluated: Record<string, string> = {};
  for (const [name, token] of entries(outputs)) {
    try {
      evaluated[name] = evaluateString(token, { contexts });
    } catch (thrown) {
      const reason = thrown instanceof Error ? thrown.message : String(thrown);
      annotations.push({ level: 'error', message: `Error evaluating output '${name}': ${reason}` });
    }
  }
  const filtered = filterJobOutputs(evaluated, masker);
  for (const entry of filtered.dropped)
    if (entry.warning !== undefined) annotations.push({ level: 'warning', message: entry.warning });
  let url: string | undefined;
  if (environment?.url !== undefined) {
    const value = evaluateString(environment.url, { contexts });
    if (masker.mayContainSecret(value))
      annotations.push({ level: 'warning', message: skipEnvironmentUrlWarning(environment.name) });
    else if (value !== '') url = value;
  }
  return { ...filtered, ...(url === undefined ? {} : { url }), annotations };
}
