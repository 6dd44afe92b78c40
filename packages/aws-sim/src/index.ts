// @ecs-deploy/aws-sim: a wire-level local AWS (ECS, ECR API, STS, ELBv2) with a rolling engine.
export {
  startSimulator,
  Simulator,
  type SimulatorOptions,
  type RegistryFactory,
} from './simulator.js';
export { ManualClock, ScaledClock, type Clock } from './clock.js';
export { SimControlClient, SimControlError } from './control/client.js';
export type { PushImageRequest, ScenarioRule, SimState } from './control/types.js';
export type { FaultKind, FaultRule, RateLimitSettings } from './faults/faults.js';
export {
  isMutating,
  RequestLog,
  type LogEntry,
  type LogFilter,
  type ServiceName,
} from './log/request-log.js';
export {
  parseScenario,
  formatScenario,
  SCENARIO_NAMES,
  type Behaviour,
} from './engine/scenario.js';
export { DEFAULT_TIMINGS, type Timings } from './engine/timeline.js';
export { DEFAULT_SEED } from './seed/default-seed.js';
export { parseSeed } from './seed/parse.js';
export type {
  Seed,
  SeedImage,
  SeedRepository,
  SeedScenario,
  SeedService,
  SeedTargetGroup,
} from './seed/types.js';
export { MemoryRegistry, memoryRegistry, type MemoryRegistryOptions } from './registry/memory.js';
export { AwsError, SimConfigError } from './errors.js';
export type { Handler, SimContext } from './state/context.js';
export {
  defaultModelCheckMode,
  ModelViolationError,
  parseModelCheckMode,
  type ModelCheckMode,
  type ResponseViolation,
} from './model/check.js';
export { loadModel, type ModelFile } from './model/models.js';
export { validateShape, type ValidateOptions } from './model/validate.js';
export type { Rule, Violation } from './model/violation.js';
export { parseFaultSpec, parseScenarioSpec } from './faults/spec.js';
