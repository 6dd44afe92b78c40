import { formatDuration } from './format.js';
import type { FollowResult, Outcome } from './result.js';
import { formatStoppedGroup } from './stopped-tasks.js';

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
      ...section('Stopped tasks', r.stoppedTasks.map(formatStoppedGroup)),
      ...section('Target health', r.targetHealth),
      ...section('Reported by ECS', r.problems),
      ...section('HTTP probe', r.probe),
      ...section('Still waiting for', r.waitingFor),
    );
  }
  if (r.events.length > 0) {
    out.push('', '<details><summary>Last service events</summary>', '');
    out.push(...r.events.map((e) => `- ${escape(e)}`), '', '</details>');
  }
  out.push('', `${result.polls} polls over ${formatDuration(result.endedAt - result.startedAt)}.`);
  return out.join('\n') + '\n';
}
