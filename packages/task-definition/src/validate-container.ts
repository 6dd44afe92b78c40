import { isObject, type JsonObject, type JsonValue } from './json.js';
import { childPath } from './path.js';
import { isShellName, variableNameProblem } from './names.js';
import { findPlaceholder } from './placeholders.js';
import { error, warning, type Problem } from './problems.js';
import { objectEntries, type TaskContext } from './task-context.js';
import { checkMemory, checkNetworking, checkReferences } from './validate-container-context.js';
import { checkImage } from './validate-image.js';
import { checkValueFrom } from './validate-secrets.js';

const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** Problems within one container definition, found at `path`. */
export function checkContainer(container: JsonObject, path: string, ctx: TaskContext): Problem[] {
  const at = (key: string): string => childPath(path, key);
  const problems: Problem[] = [];
  const name = container.name;
  if (name === undefined || name === '') {
    problems.push(
      error(
        at('name'),
        'container-name-missing',
        'name is missing or empty; every container needs one',
      ),
    );
  } else if (typeof name === 'string' && !CONTAINER_NAME.test(name)) {
    problems.push(
      error(
        at('name'),
        'container-name-invalid',
        `container name "${name}" may only hold letters, digits, "_" and "-" (at most 255)`,
      ),
    );
  }
  const image = container.image;
  if (image === undefined || typeof image === 'string')
    problems.push(...checkImage(image ?? '', at('image'), ctx));
  const envNames = namedEntries(container.environment, 'name', at('environment'));
  problems.push(...duplicates(envNames, 'environment', 'environment variable'));
  problems.push(...variableNames(envNames, 'environment'));
  problems.push(...environmentValues(container.environment, at('environment')));
  const secretNames = namedEntries(container.secrets, 'name', at('secrets'));
  problems.push(...duplicates(secretNames, 'secret', 'secret'));
  problems.push(...variableNames(secretNames, 'secret'));
  problems.push(...secretsShadowingEnvironment(secretNames, envNames));
  problems.push(...valueFroms(container.secrets, at('secrets')));
  problems.push(...checkLogging(container.logConfiguration, at('logConfiguration')));
  problems.push(...checkNetworking(container, path, ctx));
  problems.push(...checkMemory(container, path, ctx));
  problems.push(...checkReferences(container, path, ctx));
  return problems;
}

interface Named {
  readonly name: string;
  readonly path: string;
}

function namedEntries(list: JsonValue | undefined, key: string, path: string): Named[] {
  return objectEntries(list).flatMap(([item, i]) => {
    const name = item[key];
    return typeof name === 'string' ? [{ name, path: childPath(path, i, key) }] : [];
  });
}

/** Empty and repeated names; `kind` makes the codes (`secret-name-empty`, `duplicate-secret-name`). */
function duplicates(
  entries: readonly Named[],
  kind: 'environment' | 'secret',
  what: string,
): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    if (entry.name === '') {
      problems.push(error(entry.path, `${kind}-name-empty`, `${what} name is empty`));
      continue;
    }
    const first = seen.get(entry.name);
    if (first === undefined) seen.set(entry.name, entry.path);
    else
      problems.push(
        error(
          entry.path,
          `duplicate-${kind}-name`,
          `${what} ${entry.name} is set again (first at ${first}); ECS keeps only one of them`,
          'Remove one of the two entries.',
        ),
      );
  }
  return problems;
}

/** Names that cannot work (errors), and names a shell cannot read as `$NAME` (warnings). */
function variableNames(entries: readonly Named[], kind: 'environment' | 'secret'): Problem[] {
  return entries.flatMap((entry) => {
    if (entry.name === '') return []; // reported by duplicates()
    const problem = variableNameProblem(entry.name);
    if (problem !== undefined)
      return [
        error(
          entry.path,
          `${kind}-name-invalid`,
          `${kind === 'secret' ? 'secret' : 'environment variable'} name ${JSON.stringify(entry.name)} cannot be used: ${problem}`,
          'Use a name without "=", blanks or control characters.',
        ),
      ];
    if (isShellName(entry.name)) return [];
    return [
      warning(
        entry.path,
        `${kind}-name-not-portable`,
        `${JSON.stringify(entry.name)} reaches the container, but a shell cannot read it as $${entry.name} (a shell name is letters, digits and _, not starting with a digit)`,
        'Fine for programs that read the environment directly (Java, Node, Python); rename it if a shell script needs it.',
      ),
    ];
  });
}

function secretsShadowingEnvironment(secrets: readonly Named[], env: readonly Named[]): Problem[] {
  const envNames = new Set(env.map((e) => e.name));
  return secrets
    .filter((s) => s.name !== '' && envNames.has(s.name))
    .map((s) =>
      error(
        s.path,
        'secret-shadows-environment',
        `The secret name must be unique and not shared with any new or existing environment variables set on the container, such as '${s.name}'.`,
        `Remove ${s.name} from either environment or secrets.`,
      ),
    );
}

function environmentValues(list: JsonValue | undefined, path: string): Problem[] {
  return objectEntries(list).flatMap(([item, i]) => {
    const value = item.value;
    const placeholder = typeof value === 'string' ? findPlaceholder(value) : undefined;
    if (placeholder === undefined) return [];
    return [
      warning(
        childPath(path, i, 'value'),
        'placeholder',
        `value holds ${placeholder}, which looks like an unrendered placeholder`,
        'If it is one, render or replace it; if the application expects this text, ignore this warning.',
      ),
    ];
  });
}

function valueFroms(list: JsonValue | undefined, path: string): Problem[] {
  return objectEntries(list).flatMap(([item, i]) => {
    const valueFrom = item.valueFrom;
    return typeof valueFrom === 'string'
      ? checkValueFrom(valueFrom, childPath(path, i, 'valueFrom'))
      : [];
  });
}

/** The log drivers RegisterTaskDefinition accepts (the LogDriver enum). */
const LOG_DRIVERS = [
  'awslogs',
  'awsfirelens',
  'fluentd',
  'gelf',
  'journald',
  'json-file',
  'splunk',
  'syslog',
];

function checkLogging(config: JsonValue | undefined, path: string): Problem[] {
  if (!isObject(config)) return [];
  const problems: Problem[] = [];
  const options = isObject(config.options) ? config.options : {};
  if (typeof config.logDriver === 'string' && !LOG_DRIVERS.includes(config.logDriver)) {
    problems.push(
      error(
        childPath(path, 'logDriver'),
        'log-driver-invalid',
        `log driver "${config.logDriver}" is not one ECS accepts`,
        `Use one of: ${LOG_DRIVERS.join(', ')}.`,
      ),
    );
  }
  if (
    config.logDriver === 'awslogs' &&
    (typeof options['awslogs-group'] !== 'string' || options['awslogs-group'] === '')
  ) {
    problems.push(
      error(
        childPath(path, 'options', 'awslogs-group'),
        'awslogs-group-missing',
        'the awslogs driver needs an awslogs-group option',
        'Set options["awslogs-group"], e.g. "/ecs/<family>".',
      ),
    );
  }
  for (const [key, value] of Object.entries(options)) {
    const placeholder = typeof value === 'string' ? findPlaceholder(value) : undefined;
    if (placeholder !== undefined) {
      problems.push(
        error(
          childPath(path, 'options', key),
          'placeholder',
          `log option still holds the placeholder ${placeholder}`,
        ),
      );
    }
  }
  problems.push(...valueFroms(config.secretOptions, childPath(path, 'secretOptions')));
  return problems;
}
