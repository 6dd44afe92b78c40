import { checkScalar, type Encoding } from './scalars.js';
import type { ServiceModel, Shape } from './types.js';
import { childPath, renderValue, type Violation } from './violation.js';

/** How to read a value: its scalar encoding, and whether a JSON `null` member means "absent". */
export interface ValidateOptions {
  encoding: Encoding;
  /**
   * `absent` for requests (a null member is treated as not sent); `reject` for responses, since
   * AWS omits unset members rather than sending null.
   */
  nullMembers: 'absent' | 'reject';
}

const patterns = new Map<string, RegExp | null>();

/**
 * The shape's pattern as a JS regex (unicode mode, for botocore's `\p{L}`), or null when it is
 * not JS-compatible. Anchored at both ends: Smithy's `@pattern` alone would match anywhere in the
 * value, but the services match the whole value — ECR refuses `Organization/repo-name` although
 * `repo-name` matches its unanchored RepositoryName pattern (jenkins-x/jx#1344).
 */
export function compilePattern(pattern: string): RegExp | null {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      re = null;
    }
    patterns.set(pattern, re);
  }
  return re;
}

/** Every way `value` breaks shape `shapeName` of `model`; empty when it conforms. */
export function validateShape(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  options: ValidateOptions,
): Violation[] {
  const out: Violation[] = [];
  walk({ model, options, out }, shapeName, value, '');
  return out;
}

interface Walk {
  model: ServiceModel;
  options: ValidateOptions;
  out: Violation[];
}

function shapeOf(w: Walk, name: string): Shape {
  const shape = w.model.shapes[name];
  if (!shape) throw new Error(`shape ${name} is not in the extract of ${w.model.header.source}`);
  return shape;
}

function walk(w: Walk, name: string, value: unknown, path: string): void {
  const shape = shapeOf(w, name);
  if (value === null) {
    w.out.push({ path, rule: 'null', constraint: 'must not be null' });
    return;
  }
  if (shape.document) return;
  if (shape.type === 'structure') structure(w, name, shape, value, path);
  else if (shape.type === 'list') list(w, shape, value, path);
  else if (shape.type === 'map') map(w, shape, value, path);
  else scalar(w, shape, value, path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeError(w: Walk, path: string, expected: string, value: unknown, shape: Shape): void {
  w.out.push({
    path,
    rule: 'type',
    constraint: `must be ${expected}`,
    value: renderValue(value),
    expectedType: shape.type,
    actualType: Array.isArray(value) ? 'list' : typeof value,
  });
}

function structure(w: Walk, name: string, shape: Shape, value: unknown, path: string): void {
  if (!isRecord(value)) {
    typeError(w, path, `a structure (${name})`, value, shape);
    return;
  }
  const members = shape.members ?? {};
  let set = 0;
  for (const [key, child] of Object.entries(value)) {
    const here = childPath(path, key);
    const ref = members[key];
    if (!ref) {
      w.out.push({ path: here, rule: 'unknown-member', constraint: `is not a member of ${name}` });
      continue;
    }
    if (child === undefined || (child === null && w.options.nullMembers === 'absent')) continue;
    set++;
    walk(w, ref.shape, child, here);
  }
  for (const key of shape.required ?? []) {
    const v = value[key];
    if (v === undefined || (v === null && w.options.nullMembers === 'absent'))
      w.out.push({ path: childPath(path, key), rule: 'required', constraint: 'must not be null' });
  }
  if (shape.union && set !== 1)
    w.out.push({ path, rule: 'union', constraint: `must set exactly one member of ${name}` });
}

/** Length in Unicode code points, as Smithy's @length counts strings. */
function codePoints(s: string): number {
  return s.length - (s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

function list(w: Walk, shape: Shape, value: unknown, path: string): void {
  if (!Array.isArray(value)) {
    typeError(w, path, 'a list', value, shape);
    return;
  }
  size(w, shape, value.length, path, value);
  const member = shape.member?.shape ?? '';
  value.forEach((item, i) => {
    walk(w, member, item, childPath(path, i));
  });
}

function map(w: Walk, shape: Shape, value: unknown, path: string): void {
  if (!isRecord(value)) {
    typeError(w, path, 'a map', value, shape);
    return;
  }
  const entries = Object.entries(value);
  size(w, shape, entries.length, path, value);
  for (const [k, v] of entries) {
    const here = childPath(path, k);
    if (shape.key) walk(w, shape.key.shape, k, here);
    if (shape.value) walk(w, shape.value.shape, v, here);
  }
}

function size(w: Walk, shape: Shape, n: number, path: string, value: unknown): void {
  if (shape.min !== undefined && n < shape.min)
    w.out.push({
      path,
      rule: 'length',
      constraint: `must have length greater than or equal to ${shape.min}`,
      value: renderValue(value),
    });
  if (shape.max !== undefined && n > shape.max)
    w.out.push({
      path,
      rule: 'length',
      constraint: `must have length less than or equal to ${shape.max}`,
      value: renderValue(value),
    });
}

function scalar(w: Walk, shape: Shape, value: unknown, path: string): void {
  const checked = checkScalar(shape, value, w.options.encoding);
  if (checked.expected !== undefined) {
    typeError(w, path, checked.expected, value, shape);
    return;
  }
  if (checked.number !== undefined) {
    const n = checked.number;
    if (shape.min !== undefined && n < shape.min)
      w.out.push({
        path,
        rule: 'range',
        constraint: `must be greater than or equal to ${shape.min}`,
        value: renderValue(value),
      });
    if (shape.max !== undefined && n > shape.max)
      w.out.push({
        path,
        rule: 'range',
        constraint: `must be less than or equal to ${shape.max}`,
        value: renderValue(value),
      });
    return;
  }
  if (typeof value !== 'string') return;
  if (shape.type === 'string') size(w, shape, codePoints(value), path, value);
  if (shape.type === 'blob') size(w, shape, Buffer.from(value, 'base64').length, path, value);
  if (shape.enum && !shape.enum.includes(value))
    w.out.push({
      path,
      rule: 'enum',
      constraint: `must satisfy enum value set: [${shape.enum.join(', ')}]`,
      value: renderValue(value),
    });
  const re = shape.pattern !== undefined ? compilePattern(shape.pattern) : null;
  if (re && !re.test(value))
    w.out.push({
      path,
      rule: 'pattern',
      constraint: `must satisfy regular expression pattern: ${shape.pattern ?? ''}`,
      value: renderValue(value),
    });
}
