import { isScalar, parseDocument, visit } from 'yaml';
import { ParseError } from './errors.js';
import { findJsonSyntaxFault, MAX_DEPTH } from './json-syntax.js';
import { lineColumn } from './position.js';
import { isArray, isObject, stripNulls, type JsonObject, type JsonValue } from './json.js';
import type { Tag, TaskDefinitionDocument } from './types.js';

/** What a task definition file holds, for messages about one that does not. */
export const TASK_DEFINITION_FORM =
  'a JSON or YAML task definition object, bare or as `aws ecs describe-task-definition` prints it';

/** Real task definitions are a few KiB; the largest possible one is well under this. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

/** Options for `parseTaskDefinition`. */
export interface ParseOptions {
  /** Refuse input larger than this many UTF-8 bytes (default 1 MiB). */
  readonly maxBytes?: number;
}

/** A parsed task definition file. */
export interface ParsedTaskDefinition {
  /** The task definition, explicit nulls removed, everything else (read-only fields too) as written. */
  readonly taskDefinition: TaskDefinitionDocument;
  /** The wrapper's top-level `tags` (describe-task-definition output); undefined when absent. */
  readonly tags: Tag[] | undefined;
  /** Whether the input was a `{ "taskDefinition": …, "tags": … }` wrapper. */
  readonly wrapped: boolean;
  /** Which syntax the text was read as. */
  readonly format: 'json' | 'yaml';
}

/**
 * Parses a task definition from JSON or YAML text: bare, or wrapped as describe-task-definition
 * prints it. Throws `ParseError` (with line and column where known) when the text is too large,
 * empty, not JSON/YAML, or not a single object.
 */
export function parseTaskDefinition(
  text: string,
  options: ParseOptions = {},
): ParsedTaskDefinition {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // The length check is O(1) and rejects huge inputs before anything scans them: UTF-8 never
  // takes fewer bytes than UTF-16 code units.
  if (text.length > maxBytes || utf8Length(text, maxBytes) > maxBytes) {
    throw new ParseError(
      'task definition',
      `input is larger than ${maxBytes} bytes; a real task definition is a few KiB, so this is ` +
        'probably the wrong file',
    );
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new ParseError('task definition', 'input is empty');
  const format = /^\s*[[{]/.test(body) ? 'json' : 'yaml';
  const root = format === 'json' ? parseJson(body) : parseYaml(body);
  checkJson(root, 0);
  return unwrap(root, format);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const fault = findJsonSyntaxFault(text);
    if (fault === undefined) throw new ParseError('task definition', 'not valid JSON');
    const { line, column } = lineColumn(text, fault.offset);
    throw new ParseError('task definition', `not valid JSON: ${fault.reason}`, line, column);
  }
}

function parseYaml(text: string): unknown {
  // logLevel 'error': below it, yaml drops some errors (several documents); above it, it prints warnings.
  const doc = parseDocument(text, { prettyErrors: false, logLevel: 'error', uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const { line, column } = lineColumn(text, first.pos[0]);
    throw new ParseError(
      'task definition',
      `not valid JSON or YAML: ${first.message}`,
      line,
      column,
    );
  }
  // Keys are names, kept as written: YAML would make `012:` the key "12" and `1.10:` "1.1" (in
  // dockerLabels, log options). Values keep their types, so a number where ECS wants a string is
  // reported by validation ("put the value in quotes") rather than changed.
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value !== 'string' && pair.key.source !== undefined)
        pair.key.value = pair.key.source;
    },
  });
  // A small alias budget stops "billion laughs" expansion; real files use none.
  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  if (value === null || value === undefined)
    throw new ParseError('task definition', 'input is empty');
  return value;
}

/** Rejects what YAML can express but JSON cannot (.inf, dates, binary) and absurd nesting. */
function checkJson(value: unknown, depth: number): asserts value is JsonValue {
  if (depth > MAX_DEPTH)
    throw new ParseError('task definition', `nesting deeper than ${MAX_DEPTH} levels`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return;
    throw new ParseError('task definition', `${value} is not a JSON number`);
  }
  if (Array.isArray(value)) {
    for (const item of value) checkJson(item, depth + 1);
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) checkJson(item, depth + 1);
    return;
  }
  throw new ParseError('task definition', 'contains a value JSON cannot represent');
}

function unwrap(root: JsonValue, format: 'json' | 'yaml'): ParsedTaskDefinition {
  if (isArray(root)) {
    throw new ParseError(
      'task definition',
      'top level is an array; expected one task definition object (if this is a container ' +
        'list, put it under "containerDefinitions" with a "family")',
    );
  }
  if (!isObject(root)) {
    throw new ParseError('task definition', `top level is a ${typeof root}; expected an object`);
  }
  const inner = root.taskDefinition;
  const wrapped = isObject(inner) && !('containerDefinitions' in root) && !('family' in root);
  if (!wrapped) return { taskDefinition: stripNulls(root), tags: undefined, wrapped, format };
  return { taskDefinition: stripNulls(inner), tags: wrapperTags(root), wrapped, format };
}

function wrapperTags(root: JsonObject): Tag[] | undefined {
  const tags = root.tags;
  if (tags === undefined || tags === null) return undefined;
  if (!isArray(tags) || !tags.every(isTag)) {
    throw new ParseError(
      'task definition',
      'wrapper "tags" must be a list of { "key", "value" } strings',
    );
  }
  return stripNulls(tags) as Tag[];
}

function isTag(value: JsonValue): boolean {
  return isObject(value) && typeof value.key === 'string' && typeof value.value === 'string';
}

/** UTF-8 length of `text`, counting no further than just past `limit`. */
function utf8Length(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
    else if (code >= 0xd800 && code <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}
