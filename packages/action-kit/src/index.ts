export { escapeData, escapeProperty, formatCommand, formatFileCommand } from './commands.js';
export {
  ActionError,
  InputError,
  describeError,
  emptyInputsOf,
  markEmptyInputs,
} from './errors.js';
export { InputReader, type InputParser } from './inputs.js';
export { Logger, type AnnotationProperties } from './log.js';
export { OutputWriter, type OutputValue } from './outputs.js';
export {
  formatDuration,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseInteger,
  parseKeyValueLines,
  parseList,
} from './parse.js';
export { ProgressReporter } from './progress.js';
export { runAction, type ActionContext, type ActionOutcome } from './run.js';
export { processRuntime, type Runtime } from './runtime.js';
export { SummaryWriter, cell, codeBlock, details, markdownTable } from './summary.js';
export { readStringMap } from './string-map.js';
export {
  explainEmptyInput,
  findInputSource,
  jobOutputReferences,
  stepInputExpression,
  workflowPath,
  type InputSource,
  type StepIdentity,
} from './workflow-source.js';
export { ACTIONS_VERSION } from './version.js';
