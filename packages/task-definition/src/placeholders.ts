/*
 * Template placeholders that tools expect something else to fill in before registration:
 * CodeDeploy's `<IMAGE1_NAME>`, mustache and Go templates `{{ … }}`, shell and CloudFormation
 * `${…}`. Left in a registered definition they fail only at task start, far from the cause.
 */
const PLACEHOLDER = /<[A-Za-z][\w.-]*>|\{\{.*?\}\}|\$\{[^}]*\}/s;

/** The first placeholder in `text`, or undefined when there is none. */
export function findPlaceholder(text: string): string | undefined {
  return PLACEHOLDER.exec(text)?.[0];
}
