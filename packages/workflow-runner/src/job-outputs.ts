import type { SecretMasker } from './masking.js';

/** The runner's warning for an output it will not pass on (JobExtension.FinalizeJob). */
export function skipOutputWarning(name: string): string {
  return `Skip output '${name}' since it may contain secret.`;
}

/** The same check applied to `environment.url`. */
export function skipEnvironmentUrlWarning(environment: string): string {
  return `Skip setting environment url as environment '${environment}' may contain secret.`;
}

/** One job output the runner did not pass on, and why. */
export interface DroppedOutput {
  readonly name: string;
  /** `secret`: warned about; `empty`: skipped with a debug line only. */
  readonly reason: 'secret' | 'empty';
  /** The warning annotation text, for `secret`. */
  readonly warning?: string;
}

/** What `needs.<job>.outputs` receives after the runner's filter. */
export interface FilteredOutputs {
  readonly outputs: Readonly<Record<string, string>>;
  readonly dropped: readonly DroppedOutput[];
}

/**
 * Applies the end-of-job rule to the evaluated `jobs.<id>.outputs` values: empty → skipped,
 * may contain a registered secret → skipped with the warning, otherwise set. Step outputs are
 * never filtered; only this hand-off is.
 */
export function filterJobOutputs(
  evaluated: Readonly<Record<string, string>>,
  masker: SecretMasker,
): FilteredOutputs {
  const outputs: Record<string, string> = {};
  const dropped: DroppedOutput[] = [];
  for (const [name, value] of Object.entries(evaluated)) {
    if (value === '') dropped.push({ name, reason: 'empty' });
    else if (masker.mayContainSecret(value))
      dropped.push({ name, reason: 'secret', warning: skipOutputWarning(name) });
    else outputs[name] = value;
  }
  return { outputs, dropped };
}
