import { targetGroupName } from './targets.js';

// Service events scroll away (ECS keeps 100, we show the last 10), but some of them are the only
// record of a problem: placement failures leave no stopped task, and a target that fails its
// checks between two polls is never seen unhealthy. These are kept, deduplicated, with counts.

type Rule = [pattern: RegExp, text: (m: RegExpExecArray) => string];

const rules: Rule[] = [
  [
    /\(port \d+\) is unhealthy in \(target-group ([^)]+)\) due to \(reason (.+)\)\.?$/,
    (m) => `tasks unhealthy in target group ${targetGroupName(m[1] ?? '')}: ${m[2] ?? ''}`,
  ],
  [/failed container health checks\.?$/, () => 'tasks failed container health checks'],
  [
    /was unable to place a task(.*?)\.?$/,
    (m) =>
      `unable to place a task${(m[1] ?? '').replace(/retried \d+ time\(s\)/g, 'retried N time(s)')}`,
  ],
  [
    /is unable to consistently start tasks successfully/,
    () => 'ECS is unable to consistently start tasks successfully (it retries with growing delays)',
  ],
  [
    /was unable to stop or start tasks during a deployment because of the service deployment configuration/,
    () =>
      'ECS cannot start or stop tasks with this minimumHealthyPercent/maximumPercent: the deployment cannot progress',
  ],
];

/** The problem a service event reports, normalised for counting; undefined for routine events. */
export function eventProblem(message: string): string | undefined {
  for (const [pattern, text] of rules) {
    const m = pattern.exec(message);
    if (m !== null) return text(m);
  }
  return undefined;
}

/** `text` or `text (3 times)`. */
export function formatProblem(text: string, count: number): string {
  return count === 1 ? text : `${text} (${count} times)`;
}
