import {
  isBasicExpression,
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
} from '@actions/workflow-parser';
import type {
  BasicExpressionToken,
  MappingToken,
  TemplateToken,
} from '@actions/workflow-parser/templates/tokens/index';
import { parse } from 'yaml';
import {
  evaluateExpression,
  evaluateToString,
  fromExpressionData,
  type Contexts,
  type Status,
} from './expressions.js';
import { interpolate } from './interpolate.js';

/** The value under `key` in a mapping token, if any. */
export function child(token: TemplateToken | undefined, key: string): TemplateToken | undefined {
  return token !== undefined && isMapping(token) ? token.find(key) : undefined;
}

/** The entries of a mapping token with their keys as text. */
export function entries(token: TemplateToken | undefined): [string, TemplateToken][] {
  if (token === undefined || !isMapping(token)) return [];
  return [...token].map((pair) => [pair.key.toString(), pair.value]);
}

/** The items of a sequence token. */
export function items(token: TemplateToken | undefined): TemplateToken[] {
  return token !== undefined && isSequence(token) ? [...token] : [];
}

/** The raw mapping of a job. */
export function rawJob(root: TemplateToken, id: string): MappingToken | undefined {
  const job = child(child(root, 'jobs'), id);
  return job !== undefined && isMapping(job) ? job : undefined;
}

/** A literal token's value (strings, booleans, numbers, null, and collections of them). */
export function literalValue(token: TemplateToken | undefined): unknown {
  if (token === undefined) return undefined;
  if (isString(token) || isBoolean(token) || isNumber(token)) return token.value;
  if (isSequence(token)) return [...token].map(literalValue);
  if (isMapping(token))
    return Object.fromEntries(entries(token).map(([key, value]) => [key, literalValue(value)]));
  if (isBasicExpression(token)) return `\${{ ${token.expression} }}`;
  return null;
}

/**
 * The parser turns `echo "${{ x }}"` into `format('echo "{0}"', x)`. That rewrite is not
 * evaluated here, for two reasons found in 0.3.61: for a multi-line scalar the format text is
 * the raw YAML source (indentation kept, no folding), and the expression lexer un-escapes only
 * the first `''` of a string literal, so `echo '${{ x }}'` would gain a quote. Instead the
 * decoded string is split at `${{ }}` and each original expression is evaluated on its own,
 * which is what the runner's own reader does.
 */
function isFormatRewrite(token: BasicExpressionToken): boolean {
  return token.originalExpressions !== undefined && token.source !== undefined;
}

function decodedSource(token: BasicExpressionToken): string {
  const source = token.source ?? '';
  const range = token.range;
  // A single-line scalar's `source` is already its decoded value.
  if (range === undefined || range.start.line === range.end.line) return source;
  const header = token.blockScalarHeader;
  const decoded: unknown = parse(header === undefined ? source : `${header}\n${source}`);
  return typeof decoded === 'string' ? decoded : String(decoded);
}

/** Where a token is evaluated: the contexts and, inside `if:`, the status functions. */
export interface Scope {
  readonly contexts: Contexts;
  readonly status?: Status;
}

/** Evaluates a token to plain data, `${{ }}` included. */
export function evaluateToken(token: TemplateToken | undefined, scope: Scope): unknown {
  if (token === undefined) return undefined;
  if (isBasicExpression(token)) {
    if (isFormatRewrite(token))
      return interpolate(decodedSource(token), (expression) =>
        evaluateToString(expression, scope.contexts, scope.status),
      );
    return fromExpressionData(evaluateExpression(token.expression, scope.contexts, scope.status));
  }
  if (isSequence(token)) return [...token].map((item) => evaluateToken(item, scope));
  if (isMapping(token))
    return Object.fromEntries(
      entries(token).map(([key, value]) => [key, evaluateToken(value, scope)]),
    );
  return literalValue(token);
}

/** The runner's string form of a value (`true`, `3`, '' for null; JSON for collections). */
export function asString(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Evaluates a token to the string the runner would use. */
export function evaluateString(token: TemplateToken | undefined, scope: Scope): string {
  return asString(evaluateToken(token, scope));
}

/** Evaluates each value of a mapping token to a string (`env:`, `with:`, `outputs:`). */
export function evaluateStringMap(
  token: TemplateToken | undefined,
  scope: Scope,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of entries(token)) result[key] = evaluateString(value, scope);
  return result;
}

/** Every expression in a token tree, as written (the originals of `format()` rewrites). */
export function expressionsOf(token: TemplateToken | undefined): string[] {
  if (token === undefined) return [];
  if (isBasicExpression(token))
    return token.originalExpressions?.map((original) => original.expression) ?? [token.expression];
  if (isSequence(token)) return [...token].flatMap(expressionsOf);
  if (isMapping(token))
    return [...token].flatMap((pair) => [...expressionsOf(pair.key), ...expressionsOf(pair.value)]);
  return [];
}

/** A scalar as written: a string's value, or an expression's source text. */
export function displayText(token: TemplateToken): string {
  if (isString(token)) return token.value;
  if (isBasicExpression(token)) return token.source ?? `\${{ ${token.expression} }}`;
  return asString(literalValue(token));
}
