/** An input value as the `inputs` context holds it (booleans and numbers keep their type). */
export type InputValue = string | boolean | number;

/** One `on.workflow_dispatch.inputs.<name>` definition. */
export interface InputDefinition {
  readonly type?: string;
  readonly required?: boolean;
  readonly default?: InputValue;
  readonly options?: readonly string[];
}

/** The `inputs` context and the stringified `github.event.inputs`. */
export interface ResolvedInputs {
  readonly inputs: Readonly<Record<string, InputValue>>;
  readonly eventInputs: Readonly<Record<string, string>>;
}

function typed(name: string, definition: InputDefinition, value: InputValue): InputValue {
  const type = definition.type ?? 'string';
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (/^(true|false)$/i.test(String(value))) return /^true$/i.test(String(value));
    throw new Error(`Input '${name}' must be a boolean (true or false), not '${String(value)}'.`);
  }
  if (type === 'number') {
    const number = typeof value === 'number' ? value : Number(value);
    if (String(value).trim() === '' || Number.isNaN(number))
      throw new Error(`Input '${name}' must be a number, not '${String(value)}'.`);
    return number;
  }
  const text = String(value);
  if (type === 'choice' && !(definition.options ?? []).includes(text))
    throw new Error(
      `Input '${name}' must be one of ${(definition.options ?? []).join(', ')}, not '${text}'.`,
    );
  return text;
}

/**
 * Resolves `workflow_dispatch` inputs as GitHub does before the run starts: unknown names and
 * missing required values refuse the dispatch; defaults fill the rest; values get their types.
 */
export function resolveInputs(
  definitions: Readonly<Record<string, InputDefinition>>,
  given: Readonly<Record<string, InputValue>>,
): ResolvedInputs {
  const unexpected = Object.keys(given).filter((name) => !(name in definitions));
  if (unexpected.length > 0)
    throw new Error(`Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  const inputs: Record<string, InputValue> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    const value = given[name] ?? definition.default;
    if (value === undefined || value === '') {
      if (definition.required === true) throw new Error(`Required input '${name}' not provided`);
      inputs[name] = definition.type === 'boolean' ? false : '';
      continue;
    }
    inputs[name] = typed(name, definition, value);
  }
  const eventInputs = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [name, String(value)]),
  );
  return { inputs, eventInputs };
}
