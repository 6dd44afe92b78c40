export { runDemo, DEPLOY_WORKFLOW, SERVICES_WORKFLOW, type DemoResult } from './demo.js';
export { runningDigests } from './inspect.js';
export { buildOciArchive, dockerfileLabels, ociDestination } from './oci-build.js';
export * from './story.js';
export * from './world.js';
