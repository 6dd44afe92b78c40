// @actions/workflow-parser imports its schema JSON without an import attribute, which jest's ESM
// loader warns will become an error. Loaded through this module instead (require of JSON needs no
// attribute), the parser gets the same object. The package's exports map does not expose the
// file, so it is required by its path in the workspace root's node_modules.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export default require('../../node_modules/@actions/workflow-parser/dist/workflow-v1.0.min.json');
