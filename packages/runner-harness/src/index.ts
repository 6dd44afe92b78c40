export { outputLines, parseCommandLine, parseCommands, type WorkflowCommand } from './commands.js';
export { parseEnvFile } from './env-file.js';
export { inputEnvironment, inputWarnings } from './inputs.js';
export {
  evaluateDefault,
  inputVariable,
  loadActionMetadata,
  type ActionField,
  type ActionMetadata,
} from './metadata.js';
export { actionNode } from './node.js';
export { runStep, summaryErrors, type StepOptions, type StepResult } from './run.js';
export { REPO_ROOT, actionDir } from './paths.js';
