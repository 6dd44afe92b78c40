/*
 * One rule for the names of environment variables and secrets, wherever they come from (a task
 * definition file, an env file, an input). RegisterTaskDefinition puts no pattern on
 * KeyValuePair.name or Secret.name (packages/aws-sim/models/ecs.json: both a plain String), and
 * Docker and Linux pass any `NAME=value` string to the process, so ECS runs names like
 * `spring.profile` or `my-var`. What cannot work: "=" (the first one ends the name in the process environment),
 * blanks and control characters (NUL ends the string; the others are always a slip).
 */

/** The rule, as error messages state it. */
export const NAME_FORM = 'a name without "=", blanks or control characters';

/** Names a POSIX shell can `export` (and so read as `$NAME`). */
const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `name` cannot be an environment variable or secret name, or undefined when it can. */
export function variableNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name.includes('=')) return 'it contains "="';
  if (/\s/.test(name)) return 'it contains blanks';
  if (/\p{Cc}/u.test(name)) return 'it contains a control character';
  return undefined;
}

/** True when a shell script in the container can read the variable as `$NAME`. */
export function isShellName(name: string): boolean {
  return SHELL_NAME.test(name);
}
