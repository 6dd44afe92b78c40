import { existsSync, globSync } from 'node:fs';
import { runAction } from '@ecs-deploy/action-kit';
import { validateWorkflow } from '@ecs-deploy/workflow-runner/validate';
import {
  checkWorkflows,
  severityCounts,
  summaryMarkdown,
  verdict,
  workflowFiles,
} from './check.js';
import { readInputs } from './inputs.js';

await runAction('check-workflows', async ({ inputs, outputs, log, summary, env }) => {
  const parsed = readInputs(inputs);
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const files = workflowFiles(parsed.patterns, workspace, {
    glob: (pattern, cwd) => globSync(pattern, { cwd }),
    exists: existsSync,
  });
  const report = await checkWorkflows(files, workspace, parsed.policy, {
    validate: (file) => validateWorkflow(file),
  });
  for (const { severity, message, title, file, line, column } of report.findings) {
    const place = { title, file, ...(line === undefined ? {} : { line, col: column ?? 1 }) };
    if (severity === 'error') log.error(message, place);
    else log.warning(message, place);
  }
  const counts = severityCounts(report);
  outputs.setAll({
    errors: String(counts.error),
    warnings: String(counts.warning),
    files: files.join('\n'),
  });
  log.info(
    `checked ${files.length} workflow file(s): ${counts.error} error(s), ${counts.warning} warning(s)`,
  );
  summary.heading('Workflow check').add(summaryMarkdown(report));
  const failure = verdict(report, parsed.failOn);
  if (failure !== undefined) throw failure;
});
