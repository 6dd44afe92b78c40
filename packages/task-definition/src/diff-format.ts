import type { Change } from './diff.js';
import type { JsonValue } from './json.js';
import { unifiedDiff } from './line-diff.js';
import { normalizeTaskDefinition, type CompareOptions } from './normalize.js';
import type { TaskDefinitionDocument } from './types.js';

/** Options for `formatPatch`. */
export interface PatchOptions extends CompareOptions {
  /** Header names of the two sides (default "live" and "rendered"). */
  readonly labels?: readonly [string, string];
  /** Unchanged lines shown around each change (default 3). */
  readonly context?: number;
}

/**
 * A unified diff of the two normalized definitions, pretty-printed with sorted keys so that only
 * real changes show; "" when they are equivalent.
 */
export function formatPatch(
  before: TaskDefinitionDocument,
  after: TaskDefinitionDocument,
  options: PatchOptions = {},
): string {
  const lines = (d: TaskDefinitionDocument): string[] =>
    JSON.stringify(normalizeTaskDefinition(d, options), null, 2).split('\n');
  return unifiedDiff(
    lines(before),
    lines(after),
    options.labels ?? ['live', 'rendered'],
    options.context ?? 3,
  );
}

/** Longest cell text before it is cut, so one huge value cannot swamp a job summary. */
const MAX_CELL = 120;

/** A Markdown table of changes for a job summary; a one-line note when there are none. */
export function formatChangesMarkdown(
  changes: readonly Change[],
  labels: readonly [string, string] = ['live', 'rendered'],
): string {
  if (changes.length === 0)
    return '_No changes: the rendered task definition is equivalent to the live one._\n';
  const rows = changes.map(
    (c) => `| ${c.kind} | ${cell(c.path)} | ${valueCell(c.before)} | ${valueCell(c.after)} |`,
  );
  return (
    [`| change | path | ${labels[0]} | ${labels[1]} |`, '| --- | --- | --- | --- |', ...rows].join(
      '\n',
    ) + '\n'
  );
}

function valueCell(value: JsonValue | undefined): string {
  return value === undefined ? '' : cell(JSON.stringify(value));
}

/** Wraps text in a code span that survives any backticks inside, and escapes table pipes. */
function cell(text: string): string {
  const cut = text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
  const flat = cut.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const fence = '`'.repeat(Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
