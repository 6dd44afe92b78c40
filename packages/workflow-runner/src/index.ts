export { runWorkflow, OWN_REPOSITORY } from './workflow.js';
export { formatTranscript, type RunEvent } from './events.js';
export {
  DEFAULT_STAND_INS,
  type StandIn,
  type StandInContext,
  type StandInRegistry,
  type StandInResult,
} from './stand-ins.js';
export { SecretMasker, encodedForms, type SecretOrigin } from './masking.js';
export {
  filterJobOutputs,
  skipOutputWarning,
  skipEnvironmentUrlWarning,
  type DroppedOutput,
  type FilteredOutputs,
} from './job-outputs.js';
export {
  formatProblem,
  loadWorkflow,
  parseWorkflowFile,
  WorkflowLoadError,
  type LoadedWorkflow,
  type Problem,
} from './load.js';
export { validateWorkflow } from './validate.js';
export { checkMaskedOutputs } from './masked-outputs.js';
export { checkPolicy, type PolicyOptions } from './policy.js';
export type * from './types.js';
