// Pure formatting of workflow runs into a story a person can read top to bottom.
import type { JobRecord, StepRecord, WorkflowRunResult } from '@ecs-deploy/workflow-runner';

/** The dropped-output rule, in one sentence. */
export const DROPPED_OUTPUT_RULE =
  'The runner drops any job output that contains a secret or masked value ("Skip output \'…\' since it may contain secret."), so only the tag and the sha256 digest cross job boundaries and each deploying job derives the registry host (the account id) itself.';

/** A check the story ends a chapter with. */
export interface Check {
  readonly ok: boolean;
  readonly text: string;
}

/** Milliseconds as seconds with one decimal, e.g. `1.2 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A digest cut to its first 12 hex characters, enough to tell releases apart. */
export function shortDigest(digest: string): string {
  return /^sha256:[0-9a-f]{12}/.test(digest) ? `${digest.slice(0, 19)}…` : digest;
}

// ECS events and verdict lines that tell what happened; the rest (targets registered, draining,
// progress lines) is noise for a story.
const WORTH_READING = [
  /\(deployment [^)]+\) deployment (failed|completed)/,
  /rolling back to deployment/,
  /is unable to consistently start tasks/,
];

/** The lines of an action's log worth reading: key ECS events and the verdict. */
export function eventsWorthReading(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => !line.startsWith('::') && WORTH_READING.some((re) => re.test(line)));
}

/** Warnings like "task 1a2b (web:4) stopped: <reason>" grouped by reason, with counts. */
export function stoppedTaskReasons(job: JobRecord): string[] {
  const counts = new Map<string, number>();
  for (const annotation of job.annotations) {
    const match = /^task \S+ \(([^)]+)\) stopped: (.*)$/.exec(annotation.message);
    if (annotation.level !== 'warning' || match === null) continue;
    const key = `${match[1] ?? ''}: ${match[2] ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([reason, n]) => `${String(n)} task(s) of ${reason}`);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

const MARKS: Record<string, string> = {
  success: '✔',
  failure: '✘',
  skipped: '–',
  cancelled: '✘',
};

function jobHeader(job: JobRecord): string {
  const env = job.environment;
  const where =
    env === undefined
      ? ''
      : ` [environment ${env.name}${env.reviewers.length > 0 ? `, ${env.approved ? 'approved by' : 'waiting for'} ${env.reviewers.join(', ')}` : ''}]`;
  const time = job.result === 'skipped' ? '' : ` in ${seconds(job.durationMs)}`;
  return `${MARKS[job.result] ?? '?'} ${job.id}${where}: ${job.result}${time}`;
}

function digestsIn(json: string | undefined): string {
  const values = Object.values(JSON.parse(json ?? '{}') as Record<string, unknown>);
  return values.map((d) => shortDigest(String(d))).join(', ');
}

/** One line for a step of ours that ran, or undefined for steps not worth a line. */
function stepLine(job: JobRecord, step: StepRecord): string | undefined {
  const o = step.outputs;
  const uses = step.uses ?? '';
  if (uses.includes('/push-ecr-digest@'))
    return job.environment === undefined
      ? `pushed ${shortDigest(o.digest ?? '?')} tagged ${o.tags ?? '?'}`
      : `promoted ${shortDigest(o.digest ?? '?')} with tag ${o.tags ?? '?'} (no rebuild)`;
  if (uses.includes('/render-task-def@'))
    return `rendered ${Object.entries(JSON.parse(o.images ?? '{}') as Record<string, unknown>)
      .map(([name, image]) => `${name}=${String(image)}`)
      .join(', ')}`;
  if (uses.includes('/ecs-rolling-deploy@')) {
    const revision = (o['task-definition-arn'] ?? '').split('/').pop() ?? '?';
    return `deploy ${revision}: ${o.result ?? step.outcome} (${o['deployment-id'] ?? 'no deployment'})`;
  }
  if (uses.includes('/ecs-run-task@')) {
    const task = (o['task-arn'] ?? '').split('/').pop()?.slice(0, 8) ?? '?';
    const code = o['exit-code'] === undefined || o['exit-code'] === '' ? 'none' : o['exit-code'];
    return `one-off task ${task}: ${step.outcome === 'success' ? 'exited 0' : `failed (exit code ${code})`}`;
  }
  if (uses.includes('/rollback-digest@'))
    return o.noop === 'true'
      ? `rollback step: already back on ${digestsIn(o['rolled-back-to'])}, nothing to do`
      : `rollback step: ${o.result ?? step.outcome}, now on ${digestsIn(o['rolled-back-to'])}`;
  return undefined;
}

/**
 * What a container printed, as ecs-run-task shows it: the lines between `::stop-commands::` and
 * its token, without the action's own status lines.
 */
export function containerOutput(stdout: string): string[] {
  const out: string[] = [];
  let token: string | undefined;
  for (const line of stdout.split('\n')) {
    const start = /^::stop-commands::(.+)$/.exec(line);
    if (start) token = start[1];
    else if (token !== undefined && line === `::${token}::`) token = undefined;
    else if (token !== undefined && !line.startsWith('[ecs-run-task]')) out.push(line);
  }
  return out;
}

/** What one job did, in a few lines (the first is the header, the rest indented). */
export function jobLines(job: JobRecord): string[] {
  const details: string[] = [];
  if (job.outputs.tag !== undefined) details.push(`tag ${job.outputs.tag}`);
  for (const step of job.steps) {
    if (step.outcome === 'skipped') continue;
    const line = stepLine(job, step);
    if (line !== undefined) details.push(line);
    details.push(...containerOutput(step.stdout).map((output) => `  | ${output}`));
    // A no-op rollback replays the events of the deployment it found; they were told already.
    if (step.outputs.noop === 'true') continue;
    details.push(...eventsWorthReading(step.stdout).map((event) => `  ${event}`));
  }
  if (job.outputs.digest !== undefined) details.push(`output digest ${job.outputs.digest}`);
  details.push(...stoppedTaskReasons(job));
  for (const dropped of job.droppedOutputs)
    if (dropped.warning !== undefined) details.push(`warning: ${dropped.warning}`);
  for (const annotation of job.annotations)
    if (annotation.level === 'error') details.push(`error: ${firstLine(annotation.message)}`);
  return [jobHeader(job), ...details.map((line) => `    ${line}`)];
}

/** A whole run: its jobs in order, then its result and wall time. */
export function runStory(run: WorkflowRunResult, wallMs: number): string[] {
  const jobs = run.order.flatMap((id) => {
    const job = run.jobs[id];
    return job === undefined ? [] : jobLines(job);
  });
  return [...jobs, `workflow ${run.name}: ${run.result} (${seconds(wallMs)})`];
}

/** Checks as ✔/✘ lines. */
export function checkLines(checks: readonly Check[]): string[] {
  return checks.map((c) => `${c.ok ? '✔' : '✘'} ${c.text}`);
}

/** A chapter title with an underline. */
export function heading(title: string): string[] {
  return ['', title, '─'.repeat(Math.min(title.length, 78))];
}
