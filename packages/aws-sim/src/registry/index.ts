// The registries behind the simulated ECR: an embedded one (demo, no system packages) and
// Debian's docker-registry (CI). Both implement RegistryBackend.
export {
  RegistryError,
  type RegistryBackend,
  type RepositoryPolicy,
  type StoredImage,
  type StoredManifest,
} from './backend.js';
export {
  startEmbeddedRegistry,
  type EmbeddedRegistry,
  type EmbeddedRegistryOptions,
} from './embedded.js';
export {
  RegistryFaults,
  type RegistryFaultDecision,
  type RegistryFaultMatch,
  type RegistryFaultRule,
} from './registry-faults.js';
export {
  startDockerRegistry,
  type DockerRegistry,
  type DockerRegistryOptions,
} from './docker-registry.js';
export {
  dockerRegistryAvailable,
  DockerRegistryUnavailable,
  DEFAULT_DOCKER_REGISTRY_BINARY,
} from './docker-registry-process.js';
export { DistributionError } from './distribution-errors.js';
