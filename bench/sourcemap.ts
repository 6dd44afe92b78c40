// Just enough of source maps (v3) to attribute a bundle's bytes and a CPU profile's positions to
// the packages they came from: a base64-VLQ decoder and a position lookup. Written for the bench.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map(Array.from(BASE64, (c, i) => [c, i]));

/** One mapping: generated column → source index (undefined for an unmapped segment). */
export interface Segment {
  readonly column: number;
  readonly source: number | undefined;
}

/** A decoded map: segments per generated line, sorted by column, and the source paths. */
export interface DecodedMap {
  readonly sources: readonly string[];
  readonly lines: readonly (readonly Segment[])[];
}

/** Decodes one base64-VLQ field list, e.g. "AAAA" → [0, 0, 0, 0]. */
export function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`invalid base64 VLQ character "${c}"`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Decodes the `mappings` of a v3 source map (only columns and source indexes are kept). */
export function decodeMap(map: { sources: string[]; mappings: string }): DecodedMap {
  const lines: Segment[][] = [];
  // Fields are deltas; only the source index (field 2) carries across segments that we need.
  let source = 0;
  for (const lineText of map.mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    if (lineText !== '') {
      for (const field of lineText.split(',')) {
        const f = decodeVlq(field);
        column += f[0] ?? 0;
        if (f.length >= 4) {
          source += f[1] ?? 0;
          segments.push({ column, source });
        } else {
          segments.push({ column, source: undefined });
        }
      }
    }
    segments.sort((a, b) => a.column - b.column);
    lines.push(segments);
  }
  return { sources: map.sources, lines };
}

/** The source path of a generated position (0-based line and column), if mapped. */
export function sourceAt(map: DecodedMap, line: number, column: number): string | undefined {
  const segments = map.lines[line];
  if (segments === undefined || segments.length === 0) return undefined;
  let lo = 0;
  let hi = segments.length - 1;
  if ((segments[0]?.column ?? 0) > column) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((segments[mid]?.column ?? 0) <= column) lo = mid;
    else hi = mid - 1;
  }
  const index = segments[lo]?.source;
  return index === undefined ? undefined : map.sources[index];
}

/**
 * Characters of the generated code per source path: each segment owns the text up to the next
 * segment of its line; text before the first segment and unmapped segments go to `(unmapped)`.
 */
export function charsBySource(code: string, map: DecodedMap): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (key: string, n: number): void => {
    if (n > 0) totals.set(key, (totals.get(key) ?? 0) + n);
  };
  code.split('\n').forEach((text, i) => {
    const segments = map.lines[i] ?? [];
    add('(unmapped)', Math.min(text.length, segments[0]?.column ?? text.length));
    segments.forEach((segment, j) => {
      const end = Math.min(text.length, segments[j + 1]?.column ?? text.length);
      const key = segment.source === undefined ? undefined : map.sources[segment.source];
      add(key ?? '(unmapped)', end - segment.column);
    });
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
