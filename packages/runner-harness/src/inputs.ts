import { evaluateDefault, inputVariable, type ActionMetadata } from './metadata.js';

/*
 * How the runner hands inputs to an action (actions/runner):
 * - src/Runner.Worker/ActionManifestManager.cs `ConvertInputs`: every input declared in
 *   action.yml gets an entry, its `default` or, where it has none, string.Empty;
 * - src/Runner.Worker/ActionRunner.cs `RunAsync`: the step's `with:` values, then every declared
 *   input the step did not give, with its default evaluated (`EvaluateDefaultInput`); names are
 *   compared without regard to case; `required:` is never enforced;
 * - src/Runner.Worker/Handlers/Handler.cs `AddInputsToEnvironment`: each one exported as
 *   INPUT_<NAME>, untrimmed.
 * So an action cannot tell an input that was not given from one given as ''.
 */

function declared(metadata: ActionMetadata, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(metadata.inputs).find((key) => key.toLowerCase() === lower);
}

/** The INPUT_* variables the runner sets for a step with these `with:` values. */
export function inputEnvironment(
  metadata: ActionMetadata,
  given: Readonly<Record<string, string>>,
  contexts: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  const givenLower = new Set(Object.keys(given).map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(given)) env[inputVariable(name)] = value;
  for (const [name, field] of Object.entries(metadata.inputs)) {
    if (givenLower.has(name.toLowerCase())) continue;
    env[inputVariable(name)] =
      field.default === undefined ? '' : evaluateDefault(String(field.default), contexts);
  }
  return env;
}

/** The warnings the runner prints for a step's inputs: deprecated ones given, unexpected ones. */
export function inputWarnings(
  metadata: ActionMetadata,
  given: Readonly<Record<string, string>>,
): string[] {
  const warnings: string[] = [];
  const unexpected: string[] = [];
  for (const name of Object.keys(given)) {
    const key = declared(metadata, name);
    if (key === undefined) unexpected.push(name);
    const message = key === undefined ? undefined : metadata.inputs[key]?.deprecationMessage;
    if (message !== undefined)
      warnings.push(`Input '${name}' has been deprecated with message: ${message}`);
  }
  if (unexpected.length > 0)
    warnings.push(
      `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${Object.keys(metadata.inputs).join("', '")}']`,
    );
  return warnings;
}
