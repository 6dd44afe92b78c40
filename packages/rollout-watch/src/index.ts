export { POLL_ATTEMPTS, pollingClients, type PollingClients } from './clients.js';
export {
  followDeployment,
  followOutputs,
  rollbackOutputs,
  type FollowIo,
  type FollowOptions,
} from './follow.js';
export { confirmRollback, type RollbackDeps } from './rollback.js';
export { probeOnce, type ProbeSettings } from './probe.js';
export { awsDeploymentSource, type SourceOptions } from './source.js';
export { WAIT_INPUT_NAMES, readWaitInputs, type WaitInputs } from './inputs.js';
export {
  lastLines,
  loggedEssentialContainers,
  printLogTails,
  readLogTails,
  unreadableWarning,
  type LogTailDeps,
} from './log-tails.js';
