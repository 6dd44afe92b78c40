import { codeBlock, details, markdownTable } from '@ecs-deploy/action-kit';
import { formatChangesMarkdown } from '@ecs-deploy/task-definition';
import type { RollbackInputs } from './inputs.js';
import type { Plan } from './plan.js';
import type { RollbackResult } from './rollback.js';
import type { Target } from './target.js';
import type { DigestMap } from './versions.js';

function arrow(from: DigestMap, to: DigestMap): string[] {
  return Object.entries(to).map(
    ([name, digest]) => `  ${name}: ${from[name] ?? '(unknown)'} -> ${digest}`,
  );
}

/** What the rollback found and is about to do, one log line each (the dry run prints just this). */
export function planLines(
  inputs: RollbackInputs,
  target: Target,
  from: DigestMap,
  plan: Plan,
  liveArn: string,
): string[] {
  const lines = [
    `rolling back ${inputs.cluster}/${inputs.service} (mode ${plan.mode}) to ${target.description}`,
  ];
  if (target.from !== undefined) lines.push(`rolling back from ${target.from.arn}`);
  lines.push('digests:', ...arrow(from, target.digests));
  if (plan.mode === 'digest') {
    lines.push(
      `task definition: ${liveArn} re-rendered with the digests, registered as a new revision`,
      plan.patch === '' ? 'no changes to the task definition' : `changes:\n${plan.patch}`,
      `UpdateService { cluster: ${inputs.cluster}, service: ${inputs.service}, taskDefinition: <the new revision> }`,
    );
  } else {
    lines.push(
      `UpdateService { cluster: ${inputs.cluster}, service: ${inputs.service}, taskDefinition: ${plan.taskDefinitionArn} }`,
    );
  }
  return lines;
}

/** The job summary of one rollback. */
export function rollbackSummary(inputs: RollbackInputs, result: RollbackResult): string {
  const verb = result.noop
    ? 'already running the target: nothing deployed'
    : result.dryRun
      ? 'dry run: nothing changed'
      : `now on \`${result.taskDefinitionArn}\``;
  const parts = [
    `### Rollback of \`${inputs.cluster}/${inputs.service}\` (${verb})\n`,
    `Target: ${result.target.description}\n`,
    markdownTable(
      ['Container', 'From', 'To'],
      Object.entries(result.target.digests).map(([name, digest]) => [
        name,
        `\`${result.from[name] ?? ''}\``,
        `\`${digest}\``,
      ]),
    ),
  ];
  if (result.plan.mode === 'digest') {
    parts.push(formatChangesMarkdown(result.plan.changes, ['live', 'rollback']));
    if (result.plan.patch !== '')
      parts.push(details('Patch', codeBlock(result.plan.patch, 'diff')));
  }
  return parts.join('\n');
}
