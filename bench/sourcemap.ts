// Source maps for the bench: attributing a bundle's bytes and a CPU profile's positions to the
// packages they came from. Decoding is Node's own (`module.SourceMap`); this file only asks it
// questions.
import { SourceMap, type SourceMapPayload, type SourceMapping } from 'node:module';

export { SourceMap };

/** A v3 source map from the text of a `.map` file. */
export function parseSourceMap(json: string): SourceMap {
  return new SourceMap(JSON.parse(json) as SourceMapPayload);
}

/**
 * The mapping that covers a generated position (0-based line and column) on that line, or
 * undefined before the line's first mapping. `findEntry` alone would fall back to the last mapping
 * of an earlier line.
 */
function entryOnLine(map: SourceMap, line: number, column: number): SourceMapping | undefined {
  const entry = map.findEntry(line, column);
  return 'generatedLine' in entry && entry.generatedLine === line ? entry : undefined;
}

/** The source path of a generated position (0-based line and column), if mapped. */
export function sourceAt(map: SourceMap, line: number, column: number): string | undefined {
  // A mapping with a generated column only (no source) has no originalSource. One exception in
  // Node's decoder: such a mapping as the very last of `mappings` keeps the previous source (ncc
  // ends its maps with one; about 10 characters go to webpack/startup instead of unmapped).
  return entryOnLine(map, line, column)?.originalSource;
}

/**
 * Characters of the generated code per source path: each mapping owns the text up to the next
 * mapping of its line; text before the first mapping and mappings without a source go to
 * `(unmapped)`. SourceMap only answers lookups, so the end of each mapping's text is found by
 * galloping then bisecting on the column (mappings are short: a few lookups each).
 */
export function charsBySource(code: string, map: SourceMap): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (key: string, n: number): void => {
    if (n > 0) totals.set(key, (totals.get(key) ?? 0) + n);
  };
  code.split('\n').forEach((text, line) => {
    const startOf = (column: number): number =>
      entryOnLine(map, line, column)?.generatedColumn ?? -1;
    let column = 0;
    while (column < text.length) {
      const start = startOf(column);
      // The first column past `column` that belongs to another mapping (or the end of the line).
      let inside = column;
      let step = 1;
      while (inside + step < text.length && startOf(inside + step) === start) {
        inside += step;
        step *= 2;
      }
      let outside = Math.min(text.length, inside + step);
      while (outside - inside > 1) {
        const mid = (inside + outside) >> 1;
        if (startOf(mid) === start) inside = mid;
        else outside = mid;
      }
      add(sourceAt(map, line, column) ?? '(unmapped)', outside - column);
      column = outside;
    }
    add('(unmapped)', 1); // the newline
  });
  return totals;
}

/**
 * Groups a source path into what the lead can act on: the npm package (`@aws-sdk/client-ecs`,
 * `@smithy/core`, `yaml`), the workspace package (`@ecs-deploy/aws`), or the action's own code.
 */
export function packageOf(source: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (nm?.[1] !== undefined) return nm[1];
  const ws = /(?:^|\/)packages\/([^/]+)\//.exec(source);
  if (ws?.[1] !== undefined) return `@ecs-deploy/${ws[1]}`;
  const action = /(?:^|\/)actions\/([^/]+)\//.exec(source);
  if (action?.[1] !== undefined) return `actions/${action[1]}`;
  if (source.includes('webpack')) return '(webpack runtime)';
  return source;
}

/** The family of a package: `@aws-sdk/*`, `@smithy/*`, `@ecs-deploy/*`, or the name itself. */
export function familyOf(pkg: string): string {
  if (pkg.startsWith('@aws-sdk/') || pkg.startsWith('@aws-crypto/'))
    return '@aws-sdk/* (+@aws-crypto)';
  if (pkg.startsWith('@smithy/')) return '@smithy/*';
  if (pkg.startsWith('@ecs-deploy/') || pkg.startsWith('actions/')) return 'our code';
  if (pkg.startsWith('(')) return pkg;
  return 'other npm';
}
