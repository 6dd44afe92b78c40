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
const MAX_EDITS = 2000;

/** The shortest edit script turning lines `a` into lines `b` (all-removed-then-added past MAX_EDITS). */
export function diffLines(a: readonly string[], b: readonly string[]): LineEdit[] {
  const n = a.length;
  const m = b.length;
  // trace[d] holds, for each diagonal k in -d..d (step 2), the furthest x reached with d edits.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(n + m, MAX_EDITS); d++) {
    const prev = trace[d - 1];
    const row = new Int32Array(d + 1);
    trace.push(row);
    for (let k = -d; k <= d; k += 2) {
      const down = goesDown(prev, d, k);
      let x = d === 0 ? 0 : down ? at(prev, d - 1, k + 1) : at(prev, d - 1, k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      row[(k + d) >> 1] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b);
    }
  }
  return [
    ...a.map((line) => ({ op: '-' as const, line })),
    ...b.map((line) => ({ op: '+' as const, line })),
  ];
}

function at(row: Int32Array | undefined, d: number, k: number): number {
  return row?.[(k + d) >> 1] ?? 0;
}

/** Whether diagonal k of round d is reached from k+1 (an insertion) rather than k-1 (a deletion). */
function goesDown(prev: Int32Array | undefined, d: number, k: number): boolean {
  return k === -d || (k !== d && at(prev, d - 1, k - 1) < at(prev, d - 1, k + 1));
}

function backtrack(
  trace: readonly Int32Array[],
  a: readonly string[],
  b: readonly string[],
): LineEdit[] {
  const edits: LineEdit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const prev = trace[d - 1];
    const k = x - y;
    const down = goesDown(prev, d, k);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prev, d - 1, prevK);
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
  const changed = edits.flatMap((e, i) => (e.op === ' ' ? [] : [i]));
  if (changed.length === 0) return '';
  // aLine[i] and bLine[i]: the 1-based line numbers in a and b where edit i stands.
  const aLine = [1];
  const bLine = [1];
  edits.forEach((e, i) => {
    aLine.push((aLine[i] ?? 1) + (e.op === '+' ? 0 : 1));
    bLine.push((bLine[i] ?? 1) + (e.op === '-' ? 0 : 1));
  });
  const out = [`--- ${labels[0]}`, `+++ ${labels[1]}`];
  for (let i = 0; i < changed.length; i++) {
    const start = Math.max(0, (changed[i] ?? 0) - context);
    let end = Math.min(edits.length, (changed[i] ?? 0) + context + 1);
    // Changes closer than two contexts apart share one hunk, as diff -u does.
    while (i + 1 < changed.length && (changed[i + 1] ?? 0) - context <= end) {
      i++;
      end = Math.min(edits.length, (changed[i] ?? 0) + context + 1);
    }
    const range = (line: number[], from: number, to: number): string => {
      const count = (line[to] ?? 0) - (line[from] ?? 0);
      // diff -u names the line before an empty range.
      return `${count === 0 ? (line[from] ?? 1) - 1 : (line[from] ?? 1)},${count}`;
    };
    out.push(`@@ -${range(aLine, start, end)} +${range(bLine, start, end)} @@`);
    for (const e of edits.slice(start, end)) out.push(`${e.op}${e.line}`);
  }
  return out.join('\n') + '\n';
}
