// Tables for cold start, bundle size and the "what dominates" analysis.
import { OFFICIAL_BUNDLE_BYTES, type BundleAnalysis, type BundleSize } from './bundle-analysis.js';
import { GOAL_RSS_BYTES, GOAL_WALL_MS, type ColdStartResult } from './cold-start.js';
import type { Summary } from './stats.js';
import { mb, ms, renderTable } from './table.js';

const spread = (s: Summary | undefined, f: (v: number) => string): string =>
  s === undefined ? '–' : `${f(s.p50)} [${f(s.p10)}–${f(s.p90)}]`;
const plainMs = (v: number): string => `${Math.round(v)}`;
const plainMib = (v: number): string => (v / 1024 / 1024).toFixed(1);

export function coldStartTable(r: ColdStartResult): string {
  const rows = [
    [
      'node -e 0 (baseline)',
      '–',
      spread(r.baseline.wallMs, plainMs),
      '0',
      spread(r.baseline.cpuMs, plainMs),
      spread(r.baseline.rssBytes, plainMib),
      '0',
      '–',
      '–',
      '–',
    ],
    ...r.actions.map((a) => {
      const c = a.calibration;
      const ends =
        c.mainMode === 'none'
          ? 'exit (no AWS)'
          : `${c.firstOperation ?? '?'} ${c.mainMode === 'refused' ? 'refused' : 'denied'}`;
      const first = a.denied?.firstRequestOverNodeMs;
      const verdict =
        a.goal.wall && a.goal.rss
          ? 'PASS'
          : `FAIL (${[a.goal.wall ? '' : 'time', a.goal.rss ? '' : 'RSS'].filter(Boolean).join(', ')})`;
      return [
        c.action + (c.problems.length > 0 ? ' (!)' : ''),
        ends,
        spread(a.main.wallMs, plainMs),
        spread(a.main.wallOverNodeMs, plainMs),
        spread(a.main.cpuOverNodeMs, plainMs),
        spread(a.main.rssBytes, plainMib),
        spread(a.main.rssOverNodeBytes, plainMib),
        first === undefined ? '–' : plainMs(first.p50),
        spread(a.load.wallOverNodeMs, plainMs),
        verdict,
      ];
    }),
  ];
  return renderTable(
    [
      'action',
      'ends at',
      'wall ms p50 [p10–p90]',
      'over node ms',
      'CPU ms (over node)',
      'peak RSS MiB',
      'RSS over node MiB',
      '1st request sent, ms over node',
      'load only, ms over node',
      `goal ≤${GOAL_WALL_MS} ms, ≤${GOAL_RSS_BYTES / 1024 / 1024} MiB`,
    ],
    rows,
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
}

export function coldStartNotes(r: ColdStartResult): string {
  const lines = [
    `Node for the bundles: ${r.nodeVersion} (${r.node}); ${r.rounds} interleaved rounds after one warm-up round; "over node" = median and p10–p90 of the per-round difference to \`node -e 0\`.`,
    'CPU = user + system time of the child (less sensitive to other load than wall time; for the baseline row, absolute). Goal verdict on the wall-time and RSS medians.',
    'Official aws-actions/amazon-ecs-deploy-task-definition, for reference: loading its bundle alone costs ~150–195 ms and ~34 MiB over bare node on a 2-core machine.',
  ];
  for (const a of r.actions) {
    const c = a.calibration;
    for (const p of c.problems) lines.push(`(!) ${c.action}: ${p}`);
  }
  return lines.join('\n');
}

export function sizeTable(
  sizes: readonly BundleSize[],
  analysis?: readonly BundleAnalysis[],
): string {
  const byAction = new Map((analysis ?? []).map((a) => [a.action, a]));
  const share = (a: BundleAnalysis | undefined, name: string): string => {
    const s = a?.bytesByFamily.find((x) => x.name === name);
    return s === undefined ? (a === undefined ? '–' : '0%') : `${Math.round(s.fraction * 100)}%`;
  };
  return renderTable(
    [
      'action',
      'JS files',
      'size',
      'vs official 2.6 MB',
      '@aws-sdk',
      '@smithy',
      'other npm',
      'our code',
    ],
    sizes.map((s) => {
      const a = byAction.get(s.action);
      return [
        s.action,
        s.files.map((f) => f.file).join(' + '),
        mb(s.bytes),
        `${Math.round((s.bytes / OFFICIAL_BUNDLE_BYTES) * 100)}%`,
        share(a, '@aws-sdk/* (+@aws-crypto)'),
        share(a, '@smithy/*'),
        share(a, 'other npm'),
        share(a, 'our code'),
      ];
    }),
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

/** Per action: where the CPU time of a cold start goes, and the largest packages by bytes. */
export function dominatesText(analysis: readonly BundleAnalysis[]): string {
  const out: string[] = [];
  for (const a of analysis) {
    if (a.error !== undefined) {
      out.push(`- ${a.action}: analysis failed: ${a.error}`);
      continue;
    }
    const p = a.profile;
    const cpu =
      p === undefined
        ? 'no profile'
        : `${ms(p.sampledMsPerRun)} sampled/run: ` +
          p.byCategory
            .slice(0, 5)
            .map((c) => `${c.name} ${ms(c.value)}`)
            .join('; ');
    const bytes = a.bytesByPackage
      .slice(0, 5)
      .map((b) => `${b.name} ${(b.value / 1000).toFixed(0)} kB`)
      .join(', ');
    out.push(
      `- ${a.action}${a.rebuildMatchesDist ? '' : ' (rebuild differs from dist/: figures are for the current sources)'}: CPU ${cpu}. Largest packages: ${bytes}.`,
    );
  }
  return out.join('\n');
}
