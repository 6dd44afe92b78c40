// Command line: `tsx packages/workflow-runner/src/cli.ts validate <files…>` for CI checks of the
// example workflows, and `… run <file> [name=value…]` to run one locally with its inputs.
import { formatProblem } from './load.js';
import { formatTranscript } from './events.js';
import { validateWorkflow } from './validate.js';
import { runWorkflow } from './workflow.js';

async function validate(files: readonly string[]): Promise<number> {
  let failed = 0;
  for (const file of files) {
    const problems = await validateWorkflow(file);
    for (const problem of problems) console.log(formatProblem(problem));
    if (problems.length > 0) failed++;
  }
  console.log(
    failed === 0 ? `${files.length} workflow(s) clean` : `${failed} workflow(s) with problems`,
  );
  return failed === 0 ? 0 : 1;
}

async function run(file: string, assignments: readonly string[]): Promise<number> {
  const inputs = Object.fromEntries(
    assignments.map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [pair, 'true'] : [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
  const result = await runWorkflow({
    file,
    inputs,
    github: { eventName: assignments.length > 0 ? 'workflow_dispatch' : 'push' },
    onEvent: (event) => {
      if (event.type === 'log') console.log(`    | ${event.line}`);
      else console.log(formatTranscript([event]));
    },
  });
  return result.result === 'success' ? 0 : 1;
}

const [command, ...rest] = process.argv.slice(2);
const usage = 'usage: cli.ts validate <workflow.yml…> | cli.ts run <workflow.yml> [input=value…]';
try {
  if (command === 'validate' && rest.length > 0) process.exitCode = await validate(rest);
  else if (command === 'run' && rest[0] !== undefined)
    process.exitCode = await run(rest[0], rest.slice(1));
  else {
    console.error(usage);
    process.exitCode = 2;
  }
} catch (thrown) {
  console.error(thrown instanceof Error ? thrown.message : String(thrown));
  process.exitCode = 1;
}
