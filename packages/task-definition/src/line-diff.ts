/*
 * Line diff (Myers' O((N+M)·D) algorithm) and unified-format hunks. Task definitions are small and
 * a deploy changes few lines, so D stays small and this is fast even for large definitions.
 */

/** One line of an edit script: kept, removed from `a`, or added from `b`. */
export interface LineEdit {
  readonly op: ' ' | '-' | '+';
  readonly line: string;
}

/** Beyond this many differing lines a line-by-line script stops being useful to read. */
const MAX_EDITS = 4000;

/** The shortest edit script turning lines `a` into lines `b` (all-removed-then-added past MAX_EDITS). */
export function diffLines(a: readonly string[], b: readonly string[]): LineEdit[] {
  const n = a.length;
  const m = b.length;
  // v[k] is the furthest x reached on diagonal k; each round's snapshot covers only k in [-d, d].
  let v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  for (let d = 0; d <= Math.min(n + m, MAX_EDITS); d++) {
    trace.push(v);
    const next = new Map<number, number>();
    for (let k = -d; k <= d; k += 2) {
      let x = goesDown(v, k, d) ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next.set(k, x);
      if (x >= n && y >= m) return backtrack(trace, a, b);
    }
    v = next;
  }
  return [
    ...a.map((line) => ({ op: '-' as const, line })),
    ...b.map((line) => ({ op: '+' as const, line })),
  ];
}

function goesDown(v: ReadonlyMap<number, number>, k: number, d: number): boolean {
  return k === -d || (k !== d && (v.get(k - 1) ?? 0) < (v.get(k + 1) ?? 0));
}

function backtrack(
  trace: readonly ReadonlyMap<number, number>[],
  a: readonly string[],
  b: readonly string[],
): LineEdit[] {
  const edits: LineEdit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d] ?? new Map<number, number>();
    const k = x - y;
    const down = goesDown(v, k, d);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : (v.get(prevK) ?? 0);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ op: ' ', line: a[--x] ?? '' });
      y--;
    }
    if (d > 0) {
      if (down) edits.push({ op: '+', line: b[--y] ?? '' });
      else edits.push({ op: '-', line: a[--x] ?? '' });
    }
  }
  return edits.reverse();
}

/** Unified-diff text (`---`/`+++` header, `@@` hunks with `context` lines); "" when equal. */
export function unifiedDiff(
  a: readonly string[],
  b: readonly string[],
  labels: readonly [string, string],
  context = 3,
): string {
  const edits = diffLines(a, b);
  const changed = edits.map((e, i) => (e.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  const out = [`--- ${labels[0]}`, `+++ ${labels[1]}`];
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, (changed[i] ?? 0) - context);
    let end = Math.min(edits.length, (changed[i] ?? 0) + context + 1);
    // Changes closer than two contexts apart share one hunk, as diff -u does.
    while (i + 1 < changed.length && (changed[i + 1] ?? 0) - context <= end) {
      i++;
      end = Math.min(edits.length, (changed[i] ?? 0) + context + 1);
    }
    i++;
    out.push(
      hunkHeader(edits, start, end),
      ...edits.slice(start, end).map((e) => `${e.op}${e.line}`),
    );
  }
  return out.join('\n') + '\n';
}

function hunkHeader(edits: readonly LineEdit[], start: number, end: number): string {
  let aLine = 1;
  let bLine = 1;
  for (const e of edits.slice(0, start)) {
    if (e.op !== '+') aLine++;
    if (e.op !== '-') bLine++;
  }
  const slice = edits.slice(start, end);
  const aCount = slice.filter((e) => e.op !== '+').length;
  const bCount = slice.filter((e) => e.op !== '-').length;
  const range = (line: number, count: number): string =>
    `${count === 0 ? line - 1 : line},${count}`;
  return `@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@`;
}
