import { codeBlock, details, markdownTable } from '@ecs-deploy/action-kit';
import { formatChangesMarkdown } from '@ecs-deploy/task-definition';
import type { RollbackInputs } from './inputs.js';
import type { Plan } from './plan.js';
import type { Resolved } from './resolve.js';
import type { RollbackResult } from './rollback.js';
import type { DigestMap } from './versions.js';

function arrow(from: DigestMap, to: DigestMap): string[] {
  return Object.entries(to).map(
    ([name, digest]) => `  ${name}: ${from[name] ?? '(unknown)'} -> ${digest}`,
  );
}

/** What the rollback found: the target, where it came from, and the digests from → to. */
export function targetLines(inputs: RollbackInputs, resolved: Resolved): string[] {
  const { target, from } = resolved;
  const lines = [`rolling back ${inputs.cluster}/${inputs.service} to ${target.description}`];
  if (resolved.commit !== undefined)
    lines.push(`the target was deployed from commit ${resolved.commit}`);
  if (target.from !== undefined) lines.push(`rolling back from ${target.from.arn}`);
  lines.push('digests:', ...arrow(from, target.digests));
  return lines;
}

/** The calls about to be made (or, in a dry run, that would be): the diff and UpdateService. */
export function planLines(
  inputs: RollbackInputs,
  plan: Plan,
  liveArn: string,
  dryRun: boolean,
): string[] {
  const would = dryRun ? 'would ' : '';
  const update = (td: string): string =>
    `${dryRun ? 'would call ' : ''}UpdateService { cluster: ${inputs.cluster}, service: ${inputs.service}, taskDefinition: ${td} }`;
  if (plan.mode === 'revision') return [update(plan.taskDefinitionArn)];
  return [
    `mode digest: ${would}register ${liveArn} again with the digests as a new revision`,
    plan.patch === '' ? 'no changes to the task definition' : `changes:\n${plan.patch}`,
    update('<the new revision>'),
  ];
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
    `Target: ${result.target.description}${result.commit === undefined ? '' : ` (commit \`${result.commit}\`)`}\n`,
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
