import { codeBlock, details, markdownTable } from '@ecs-deploy/action-kit';
import { formatChangesMarkdown, formatProblems } from '@ecs-deploy/task-definition';
import type { RenderResult } from './render.js';

/** The job summary of one render: images, warnings, and the diff against what is live. */
export function renderSummary(result: RenderResult): string {
  const parts = [
    `### Task definition \`${result.family}\`\n`,
    markdownTable(
      ['Container', 'Image'],
      Object.entries(result.images).map(([name, image]) => [name, `\`${image}\``]),
    ),
  ];
  if (result.warnings.length > 0) parts.push(codeBlock(formatProblems(result.warnings)));
  if (result.comparedWith === undefined) {
    parts.push('_Not compared with a live task definition._\n');
  } else {
    parts.push(
      `Compared with \`${result.comparedWith}\`:\n`,
      formatChangesMarkdown(result.changes),
    );
    if (result.patch !== '') parts.push(details('Patch', codeBlock(result.patch, 'diff')));
  }
  return parts.join('\n');
}
