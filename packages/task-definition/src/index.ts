/*
 * @ecs-deploy/task-definition: pure functions over ECS task definitions. No file system, network
 * or clock: callers pass text in and get values or typed errors back.
 */
export type { JsonObject, JsonValue } from './json.js';
export { stripNulls } from './json.js';
export type {
  ContainerDefinition,
  KeyValuePair,
  LogConfiguration,
  PortMapping,
  Secret,
  Tag,
  TaskDefinition,
  TaskDefinitionDocument,
} from './types.js';
export { ParseError, TaskDefinitionError, ValidationError, type ParseSubject } from './errors.js';
export { formatProblems, hasErrors, summaryLine, type Problem, type Severity } from './problems.js';
export {
  DEFAULT_MAX_BYTES,
  TASK_DEFINITION_FORM,
  parseTaskDefinition,
  type ParsedTaskDefinition,
  type ParseOptions,
} from './parse.js';
export { isReadOnlyField, READ_ONLY_FIELDS, stripReadOnlyFields } from './read-only.js';
export type {
  AwslogsEdit,
  ContainerEdits,
  LogConfigurationEdit,
  RenderEdits,
  StringMap,
} from './edits.js';
export { renderTaskDefinition } from './render.js';
export { parseCommand } from './command.js';
export { parseDotenv } from './dotenv.js';
export { PAIRS_FORM, readPairs } from './pairs.js';
export { parseCpu, parseMemory } from './units.js';
export { fargateMemoryChoices, FARGATE_CPU_VALUES, isFargateSize } from './fargate.js';
export {
  assertValid,
  checkTaskDefinition,
  validateTaskDefinition,
  type CheckedTaskDefinition,
  type ValidateOptions,
} from './validate.js';
export { ECS_REGISTRATION_QUOTAS, checkTags, taskDefinitionBytes } from './validate-quotas.js';
export { NAME_FORM, isShellName, variableNameProblem } from './names.js';
export { DROPPED_OUTPUT_CAUSE, DROPPED_OUTPUT_FIX } from './validate-image.js';
export { normalizeTaskDefinition, type CompareOptions } from './normalize.js';
export { diffTaskDefinitions, isEquivalent, type Change } from './diff.js';
export { formatChangesMarkdown, formatPatch, type PatchOptions } from './diff-format.js';
export {
  renderTaskDefinitionText,
  type RenderedTaskDefinition,
  type RenderTextOptions,
} from './render-text.js';
export { TRACE_TAG_PREFIX, cleanTagValue, serviceKey, traceTags } from './trace-tags.js';
