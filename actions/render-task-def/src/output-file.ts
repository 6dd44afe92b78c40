import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { RenderResult } from './render.js';

/** The file the `task-definition` output names: where it goes and what it holds. */
export interface RenderedFile {
  readonly path: string;
  readonly text: string;
}

/**
 * The rendered definition as RegisterTaskDefinition takes it (the tags inside, when there are
 * any), pretty-printed, in `dir` under a name from the family and the content's hash: two renders
 * of different definitions in one job never overwrite each other, and the same definition always
 * lands in the same file.
 */
export function renderedFile(
  result: Pick<RenderResult, 'definition' | 'tags' | 'family'>,
  dir: string,
): RenderedFile {
  const document =
    result.tags === undefined ? result.definition : { ...result.definition, tags: result.tags };
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return {
    path: join(dir, `task-definition-${result.family || 'rendered'}-${hash}.json`),
    text,
  };
}

/** Writes the rendered definition into `dir` with `writeFile`; returns the file's path. */
export function writeRenderedFile(
  result: Pick<RenderResult, 'definition' | 'tags' | 'family'>,
  dir: string,
  writeFile: (path: string, text: string) => void,
): string {
  const file = renderedFile(result, dir);
  writeFile(file.path, file.text);
  return file.path;
}
