import { cell, markdownTable } from '@ecs-deploy/action-kit';
import type { ActionMetadata } from '@ecs-deploy/runner-harness';

/** How consumers refer to the actions; one repository tag versions all of them. */
export const USES_PREFIX = 'your-org/ecs-deploy-actions/actions';

export const BEGIN = '<!-- BEGIN GENERATED: from action.yml by `npm run docs`; do not edit -->';
export const END = '<!-- END GENERATED -->';

const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Everything wrong with an action.yml that the docs and the runner depend on. */
export function metadataProblems(dirName: string, metadata: ActionMetadata): string[] {
  const problems: string[] = [];
  const where = `actions/${dirName}/action.yml`;
  if (metadata.name !== dirName)
    problems.push(`${where}: name is "${metadata.name}", expected "${dirName}"`);
  if (metadata.description.trim() === '') problems.push(`${where}: the action has no description`);
  if (metadata.runs.using !== 'node24')
    problems.push(`${where}: runs.using is "${metadata.runs.using}", expected node24`);
  const main = `../../dist/${dirName}/index.js`;
  if (metadata.runs.main !== main)
    problems.push(`${where}: runs.main is "${metadata.runs.main}", expected ${main}`);
  for (const [kind, fields] of [
    ['input', metadata.inputs],
    ['output', metadata.outputs],
  ] as const) {
    for (const [id, field] of Object.entries(fields)) {
      if (!ID.test(id)) problems.push(`${where}: ${kind} "${id}" is not a valid id`);
      if ((field.description ?? '').trim() === '')
        problems.push(`${where}: ${kind} "${id}" has no description`);
    }
  }
  return problems;
}

function oneLine(text: string | undefined): string {
  return (text ?? '').trim().replace(/\s*\n\s*/g, ' ');
}

/** The generated Markdown for one action: a usage snippet, then inputs and outputs tables. */
export function actionReference(dirName: string, metadata: ActionMetadata): string {
  const inputs = Object.entries(metadata.inputs);
  const usage = [
    '```yaml',
    `- uses: ${USES_PREFIX}/${dirName}@v1`,
    ...(inputs.length === 0
      ? []
      : [
          '  with:',
          ...inputs.map(
            ([id, f]) => `    ${id}: ${f.required === true ? '# required' : '# optional'}`,
          ),
        ]),
    '```',
  ].join('\n');
  const inputTable =
    inputs.length === 0
      ? '_No inputs._\n'
      : markdownTable(
          ['Input', 'Required', 'Default', 'Description'],
          inputs.map(([id, f]) => [
            `\`${id}\``,
            f.required === true ? 'yes' : 'no',
            f.default === undefined || f.default === '' ? '' : `\`${String(f.default)}\``,
            oneLine(f.description),
          ]),
        );
  const outputs = Object.entries(metadata.outputs);
  const outputTable =
    outputs.length === 0
      ? '_No outputs._\n'
      : markdownTable(
          ['Output', 'Description'],
          outputs.map(([id, f]) => [`\`${id}\``, oneLine(f.description)]),
        );
  return `${usage}\n\n### Inputs\n\n${inputTable}\n### Outputs\n\n${outputTable}`;
}

/** Replaces the generated block of an existing README, or makes a README around one. */
export function spliceReadme(
  existing: string | undefined,
  dirName: string,
  metadata: ActionMetadata,
): string {
  const block = `${BEGIN}\n\n${actionReference(dirName, metadata)}\n${END}`;
  if (existing === undefined) {
    return `# ${dirName}\n\n${oneLine(metadata.description)}\n\n## Usage\n\n${block}\n`;
  }
  const start = existing.indexOf(BEGIN);
  const end = existing.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`actions/${dirName}/README.md has no generated block (${BEGIN} … ${END})`);
  return existing.slice(0, start) + block + existing.slice(end + END.length);
}

/** The catalog of every action, generated whole. */
export function catalog(actions: readonly { dirName: string; metadata: ActionMetadata }[]): string {
  const index = markdownTable(
    ['Action', 'What it does'],
    actions.map(({ dirName, metadata }) => [
      `[${dirName}](actions/${dirName}/README.md)`,
      oneLine(metadata.description),
    ]),
  );
  const sections = actions.map(
    ({ dirName, metadata }) =>
      `## ${dirName}\n\n${cell(oneLine(metadata.description))}\n\n${actionReference(dirName, metadata)}`,
  );
  return `# Action catalog\n\n${BEGIN}\n\n${index}\n${sections.join('\n')}\n${END}\n`;
}
