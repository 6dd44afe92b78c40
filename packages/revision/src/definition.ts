import { ActionError, InputError } from '@ecs-deploy/action-kit';
import {
  ParseError,
  ValidationError,
  parseTaskDefinition,
  stripReadOnlyFields,
  validateTaskDefinition,
  hasErrors,
  type TaskDefinitionDocument,
  TASK_DEFINITION_FORM,
} from '@ecs-deploy/task-definition';

/**
 * Reads the task definition to deploy and checks it again: the file may not come from
 * render-task-def, and nothing invalid may reach RegisterTaskDefinition.
 */
export function loadDefinition(text: string, path: string): TaskDefinitionDocument {
  let parsed;
  try {
    parsed = parseTaskDefinition(text);
  } catch (error) {
    if (error instanceof ParseError)
      throw new InputError('task-definition', `(${path}): ${error.message}`, TASK_DEFINITION_FORM);
    throw error;
  }
  const definition = stripReadOnlyFields(parsed.taskDefinition);
  const problems = validateTaskDefinition(definition);
  if (hasErrors(problems)) throw new ValidationError(problems, `the task definition in ${path}`);
  return parsed.tags === undefined
    ? definition
    : { ...definition, tags: parsed.tags as unknown as TaskDefinitionDocument[string] };
}

/**
 * Reads and checks the task definition file an input names; a file that cannot be read is an
 * error naming the input, with `hint` saying where the file should come from.
 */
export function readDefinitionFile(
  readFile: (path: string) => string,
  path: string,
  hint: string,
): TaskDefinitionDocument {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    throw new ActionError(
      `Input 'task-definition' names "${path}", which could not be read (${(error as { code?: string }).code ?? String(error)}).`,
      hint,
    );
  }
  return loadDefinition(text, path);
}

/**
 * Role ARNs must belong to the account the job deploys into: a role of another account is a
 * copy-paste slip that ECS only reports once tasks fail to start.
 */
export function checkRoleAccounts(
  definition: TaskDefinitionDocument,
  account: string,
  path: string,
): void {
  for (const field of ['taskRoleArn', 'executionRoleArn'] as const) {
    const arn = definition[field];
    if (typeof arn !== 'string') continue;
    const match = /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(arn);
    if (match !== null && account !== '' && match[1] !== account) {
      throw new InputError(
        'task-definition',
        `(${path}): ${field} ${arn} belongs to account ${match[1] ?? ''}, but this job deploys into account ${account}`,
        'role ARNs of the account the service runs in',
        'Check the vars of this environment (the role or account id used to render the file).',
      );
    }
  }
}
