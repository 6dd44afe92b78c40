/** The rule a value broke. */
export type Rule =
  | 'unknown-member'
  | 'required'
  | 'null'
  | 'type'
  | 'enum'
  | 'length'
  | 'range'
  | 'pattern'
  | 'union'
  | 'undeclared-error';

/** One way a value breaks its shape. */
export interface Violation {
  /** JSON path from the top-level shape, e.g. `services[0].deploymentConfiguration.strategy`. */
  path: string;
  rule: Rule;
  /** The constraint, in the words AWS's validation messages use ("must have length …"). */
  constraint: string;
  /** The offending value, rendered short (absent for a missing member). */
  value?: string;
  /** For `type`: the shape's type, and what arrived (`string`, `number`, `object`, `list` …). */
  expectedType?: string;
  actualType?: string;
}

/** `a.b` for an identifier-like member, `a["b c"]` otherwise; `a[0]` for a list index. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** A value as a message shows it: strings as they are, the rest as JSON, cut at 80 characters. */
export function renderValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `path: constraint (value)` — one line for logs and thrown errors. */
export function describeViolation(v: Violation): string {
  const at = v.path === '' ? '(top level)' : v.path;
  return `${at}: ${v.rule}: ${v.constraint}${v.value !== undefined ? ` (got ${v.value})` : ''}`;
}
