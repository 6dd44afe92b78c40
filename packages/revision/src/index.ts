export { checkRoleAccounts, loadDefinition, readDefinitionFile } from './definition.js';
export { registerUnlessLive, type Revision } from './register.js';
export { revisionTags } from './revision-tags.js';
