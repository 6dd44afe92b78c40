import { alarmLine } from './alarms.js';
import { formatDuration } from './format.js';
import { logTailHeading } from './log-tails.js';
import type { FollowResult, Outcome } from './result.js';
import { rollbackSummaryLines } from './rollback.js';
import { formatStoppedGroup } from './stopped-tasks.js';
import type { ContainerLogTail, StoppedReasonGroup } from './verdict.js';

const headline: Record<Outcome, string> = {
  healthy: '✅ healthy',
  'scaled-to-zero': '⚠️ completed with no tasks (desired count 0): health not verified',
  failed: '❌ failed',
  'rolled-back': '❌ rolled back by ECS',
  'timed-out': '❌ timed out',
  cancelled: '⚪ cancelled',
  error: '❌ stopped by an error',
};

// Event and reason texts come from AWS and users; keep them from turning into HTML or table cells.
function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

function cell(text: string): string {
  return escape(text).replace(/\|/g, '\\|');
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : ['', `**${title}**`, '', ...lines.map((l) => `- ${escape(l)}`)];
}

/** A fenced code block, the fence longer than any run of backticks in the text. */
function fenced(lines: readonly string[]): string[] {
  const longest = Math.max(
    2,
    ...lines.flatMap((l) => Array.from(l.matchAll(/`+/g), (m) => m[0].length)),
  );
  const fence = '`'.repeat(longest + 1);
  return [fence, ...lines, fence];
}

/** A container's last lines under its reason's bullet (indented into the list item). */
function tailBlock(tail: ContainerLogTail): string[] {
  const link = tail.url === undefined ? '' : ` ([CloudWatch Logs](${tail.url}))`;
  const out = ['', `  ${escape(logTailHeading(tail))}${link}:`];
  if (tail.lines.length > 0) out.push('', ...fenced(tail.lines).map((l) => `  ${l}`));
  return out;
}

/** The stopped-task reasons, each with the last log lines read for it. */
export function stoppedTasksSection(groups: readonly StoppedReasonGroup[]): string[] {
  if (groups.length === 0) return [];
  const out = ['', '**Stopped tasks**', ''];
  groups.forEach((group, index) => {
    const tails = group.logLines ?? [];
    // A list item with blocks inside is set apart from its neighbours by blank lines.
    if (tails.length > 0 && index > 0 && out.at(-1) !== '') out.push('');
    out.push(`- ${escape(formatStoppedGroup(group))}`);
    for (const tail of tails) out.push(...tailBlock(tail));
    if (tails.length > 0 && index < groups.length - 1) out.push('');
  });
  return out;
}

/** The job summary for one wait: headline, message, a timeline table, then the reasons. */
export function renderSummary(result: FollowResult): string {
  const r = result.reasons;
  const out = [
    `### ${escape(result.label)}: ${headline[result.outcome]}`,
    '',
    escape(result.message),
    '',
  ];
  out.push('| Time (UTC) | Elapsed | What |', '| --- | --- | --- |');
  for (const row of result.timeline) {
    const time = new Date(row.at).toISOString().slice(11, 19);
    out.push(`| ${time} | ${formatDuration(row.at - result.startedAt)} | ${cell(row.text)} |`);
  }
  if (result.outcome !== 'healthy') {
    out.push(
      ...section('Deployment', r.rolloutStateReason === undefined ? [] : [r.rolloutStateReason]),
      ...stoppedTasksSection(r.stoppedTasks),
      ...section('Target health', r.targetHealth),
      ...section('Reported by ECS', r.problems),
      ...section('HTTP probe', r.probe),
      ...section('Still waiting for', r.waitingFor),
    );
  }
  // Shown whatever the outcome: which alarms ECS watched, and how each stood when last read.
  out.push(...section('Alarms watched', (r.alarms ?? []).map(alarmLine)));
  if (result.rollback !== undefined) out.push(...rollbackSummaryLines(result.rollback, escape));
  if (r.events.length > 0) {
    out.push('', '<details><summary>Last service events</summary>', '');
    out.push(...r.events.map((e) => `- ${escape(e)}`), '', '</details>');
  }
  out.push('', `${result.polls} polls over ${formatDuration(result.endedAt - result.startedAt)}.`);
  return out.join('\n') + '\n';
}
