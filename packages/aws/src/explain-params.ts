// Reading a request's parameters, and blaming them on the action's inputs.
import type { InputMap } from './explain-types.js';

/** A parameter's value as text: a string or number, or the first string of a list. */
export function valueOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** A parameter at the top of the request, or one level down (`deploymentConfiguration.maximumPercent`). */
export function paramValue(
  params: Readonly<Record<string, unknown>>,
  name: string,
): string | undefined {
  const top = valueOf(params[name]);
  if (top !== undefined) return top;
  for (const value of Object.values(params)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const nested = valueOf((value as Record<string, unknown>)[name]);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

export const lastSegment = (s: string): string => s.slice(s.lastIndexOf('/') + 1);

/** The input a parameter came from, if the action says so and the value agrees. */
export function inputOf(param: string, value: string, inputs: InputMap): string | undefined {
  const input = inputs.params[param];
  if (input === undefined || inputs.given === undefined) return input;
  const given = inputs.given(input);
  if (given === undefined) return undefined;
  return given === value || lastSegment(given) === lastSegment(value) ? input : undefined;
}

/** `Input 'cluster' is 'nope'`, or `Cluster 'nope'` when no input gave it. */
export function named(noun: string, value: string, input: string | undefined): string {
  return input === undefined
    ? `${noun.charAt(0).toUpperCase()}${noun.slice(1)} '${value}'`
    : `Input '${input}' is '${value}'`;
}
