import type { RenderEdits } from './edits.js';
import { parseTaskDefinition, type ParseOptions } from './parse.js';
import type { Problem } from './problems.js';
import { stripReadOnlyFields } from './read-only.js';
import { renderTaskDefinition } from './render.js';
import type { Tag, TaskDefinition } from './types.js';
import { checkTaskDefinition, type ValidateOptions } from './validate.js';

/** Options for `renderTaskDefinitionText`: parsing limits and validation strictness. */
export interface RenderTextOptions extends ParseOptions, ValidateOptions {}

/** A task definition ready for RegisterTaskDefinition. */
export interface RenderedTaskDefinition {
  /** Edits applied, read-only members removed, validated. */
  readonly taskDefinition: TaskDefinition;
  /** Tags from a describe-task-definition wrapper; pass them as `tags` to keep them. */
  readonly tags: Tag[] | undefined;
  /** Problems of severity warning (errors throw instead), for the log. */
  readonly warnings: readonly Problem[];
  /** The definition as JSON, two-space indented with a final newline: the file to write. */
  readonly json: string;
}

/**
 * The whole render step in one call: parse `text` (JSON or YAML, bare or describe output), drop
 * read-only members, apply `edits`, validate. Throws `ParseError` for unreadable text and
 * `ValidationError` for edits that cannot be applied or a result with errors.
 */
export function renderTaskDefinitionText(
  text: string,
  edits: RenderEdits = {},
  options: RenderTextOptions = {},
): RenderedTaskDefinition {
  const parsed = parseTaskDefinition(text, options);
  const rendered = renderTaskDefinition(stripReadOnlyFields(parsed.taskDefinition), edits);
  const { taskDefinition, warnings } = checkTaskDefinition(rendered, options);
  return {
    taskDefinition,
    tags: parsed.tags,
    warnings,
    json: `${JSON.stringify(rendered, null, 2)}\n`,
  };
}
