// Tables for detection latency, API calls and the whole chain.
import type { ChainResult } from './chain.js';
import {
  CALLS_GOAL_PER_MINUTE,
  OFFICIAL_WAIT,
  type DetectionResult,
  type WaiterRun,
} from './detection.js';
import { summarize, type Summary } from './stats.js';
import { renderTable, seconds } from './table.js';
import { waiterModel } from './waiter-model.js';

const s = (v: number | undefined): string => seconds(v);
const dist = (x: Summary | undefined): string =>
  x === undefined ? '–' : `${s(x.p50)} / ${s(x.p95)} / ${s(x.max)}`;

function waiterText(w: WaiterRun | undefined): string {
  if (w === undefined) return '–';
  const polls = `${w.polls ?? '?'} polls`;
  if (w.state === 'STOPPED')
    return `no verdict after ${s(w.capMs)} (bench cap; ${polls}); it would throw TimeoutError only at maxWaitTime = ${OFFICIAL_WAIT.maxWaitTime / 60} min`;
  const fromTerminal = w.terminalAt === undefined ? undefined : w.returnedAt - w.terminalAt;
  if (w.scenario === 'rolled-back' && w.state === 'SUCCESS') {
    const fromDone =
      w.rollbackCompletedAt === undefined ? undefined : w.returnedAt - w.rollbackCompletedAt;
    return `SUCCESS — wrong: the deployment was rolled back; ${s(fromTerminal)} after the rollback began, ${s(fromDone)} after it completed (${polls})`;
  }
  return `${w.state} ${s(fromTerminal)} after it (${polls})`;
}

export function detectionTable(d: DetectionResult): string {
  return renderTable(
    [
      'scenario',
      'simulated rollout p50',
      'our verdicts',
      'ours: p50 / p95 / max',
      `goal p95 ≤ ${s(d.goalMs)}`,
      `SDK waitUntilServicesStable (minDelay ${OFFICIAL_WAIT.minDelay} s, 1 run)`,
    ],
    d.scenarios.map((x) => {
      const verdicts = Object.entries(x.outcomes)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      const total = Object.values(x.outcomes).reduce((sum, n) => sum + n, 0);
      const ok = total > 0 && (x.outcomes[x.expected] ?? 0) === total;
      const p95 = x.latencyMs?.p95;
      return [
        x.scenario,
        s(x.rolloutMs?.p50),
        `${verdicts}${ok ? '' : ` (expected ${x.expected} ×${total})`}`,
        dist(x.latencyMs),
        p95 !== undefined && p95 <= d.goalMs && ok ? 'PASS' : 'FAIL',
        waiterText(x.waiter),
      ];
    }),
    ['left', 'right', 'left', 'right', 'left', 'left'],
  );
}

export function callsTable(d: DetectionResult, chain: ChainResult | undefined): string {
  const ops = ['DescribeServices', 'DescribeTargetHealth', 'ListTasks', 'DescribeTasks'];
  const rows = d.callRates.map((r) => [
    `${r.who}, slow rollout (${s(r.windowMs)} window, ${r.outcome})`,
    ...ops.map((op) => (r.perMinute[op] ?? 0).toFixed(1)),
    r.totalPerMinute.toFixed(1),
    r.who.startsWith('our') ? (r.totalPerMinute <= CALLS_GOAL_PER_MINUTE ? 'PASS' : 'FAIL') : '–',
  ]);
  const out = [
    renderTable(['per minute of waiting', ...ops, 'all', `goal ≤ ${CALLS_GOAL_PER_MINUTE}`], rows, [
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'left',
    ]),
  ];
  if (chain === undefined) {
    out.push('', 'Per deploy end to end: not run (section chain skipped).');
  } else {
    const entries = Object.entries(chain.deployCalls).sort((a, b) => b[1] - a[1]);
    const total = entries.reduce((sum, [, n]) => sum + n, 0);
    out.push(
      '',
      `Per deploy end to end (render-task-def + ecs-rolling-deploy through the bundles, median of ${chain.runs.length} run(s), simulated rollout ${s(chain.rolloutMs?.p50)}): ${total} calls — ` +
        entries.map(([op, n]) => `${op} ${n}`).join(', '),
    );
  }
  return out.join('\n');
}

export function chainTable(c: ChainResult): string {
  if (c.runs.length === 0) return 'not run';
  const steps = c.runs[0]?.steps.map((x) => x.step) ?? [];
  const perStep = (name: string): Summary | undefined =>
    summarize(c.runs.flatMap((r) => r.steps.filter((x) => x.step === name).map((x) => x.wallMs)));
  const rows = steps.map((name) => [name, s(perStep(name)?.p50)]);
  rows.push(['whole chain (wall)', s(c.wallMs?.p50)]);
  rows.push(['simulated rollout (UpdateService → completed)', s(c.rolloutMs?.p50)]);
  rows.push([
    '**our overhead** (wall − rollout)',
    c.overheadMs === undefined
      ? 'no complete run'
      : `${s(c.overheadMs.p50)} [${s(c.overheadMs.min)}–${s(c.overheadMs.max)}]`,
  ]);
  const results = c.runs.map((r) => r.result ?? 'incomplete').join(', ');
  return renderTable([`step (median of ${c.runs.length} run(s): ${results})`, 'wall'], rows, [
    'left',
    'right',
  ]);
}

/** The SDK waiter's latency after longer rollouts, from its documented schedule. */
export function waiterModelText(): string {
  const rows = waiterModel([30, 60, 120, 300, 600, 1200]).map((r) => [
    r.rolloutSeconds >= 60 ? `${r.rolloutSeconds / 60} min` : `${r.rolloutSeconds} s`,
    s((r.latencySeconds?.p50 ?? Number.NaN) * 1000),
    s((r.latencySeconds?.p95 ?? Number.NaN) * 1000),
    (r.callsPerMinute?.p50 ?? Number.NaN).toFixed(1),
  ]);
  return [
    'Model (not measured): the SDK waiter polls at 0 s, then after uniform [15 s, min(600 s, 15 s · 2^(k−1))] delays (docs/aws-behaviour.md#the-services-stable-waiter), so its latency grows with the rollout; a healthy verdict after a rollout of:',
    '',
    renderTable(
      [
        'rollout',
        'waiter latency p50',
        'p95',
        'its DescribeServices calls per minute of waiting, p50',
      ],
      rows,
      ['left', 'right', 'right', 'right'],
    ),
    '',
    'It never reports a failure: for a failed rollout (no rollback) it times out at maxWaitTime (the official action: 30 min by default), and after a circuit-breaker rollback it reports SUCCESS. Its few calls a minute are what its latency buys; the follower, through a quiet stretch before ECS is done, makes at most 12 DescribeServices (5 s apart), 1 DescribeTargetHealth and 2 ListTasks (+ DescribeTasks for tasks not seen before) a minute (packages/deployment/README.md#polling-and-the-call-budget).',
  ].join('\n');
}
