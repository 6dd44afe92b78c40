import { parseCommand } from './command.js';
import { parseDotenv } from './dotenv.js';
import {
  entriesOf,
  type ContainerEdits,
  type LogConfigurationEdit,
  type StringMap,
} from './edits.js';
import { ParseError } from './errors.js';
import { isArray, isObject, setOwn, type JsonObject } from './json.js';
import { childPath } from './path.js';
import { error, type Problem } from './problems.js';
import { checkImage } from './validate-image.js';

/** Applies one container's edits to `container` (a private copy) and returns the problems met. */
export function applyContainerEdits(
  container: JsonObject,
  edits: ContainerEdits,
  path: string,
): Problem[] {
  const problems: Problem[] = [];
  if (edits.image !== undefined)
    problems.push(...setImage(container, edits.image, childPath(path, 'image')));
  const environment = new Map<string, string>();
  (edits.environmentFiles ?? []).forEach((text, i) => {
    try {
      for (const [name, value] of parseDotenv(text)) environment.set(name, value);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      problems.push(error(childPath(path, 'environmentFiles', i), 'env-file-syntax', e.message));
    }
  });
  for (const [name, value] of entriesOf(edits.environment ?? {})) environment.set(name, value);
  if (environment.size > 0)
    problems.push(...upsertNamed(container, 'environment', 'value', environment, path));
  if (edits.secrets !== undefined) {
    problems.push(
      ...upsertNamed(container, 'secrets', 'valueFrom', new Map(entriesOf(edits.secrets)), path),
    );
  }
  if (edits.logConfiguration !== undefined) {
    problems.push(
      ...setLogConfiguration(
        container,
        edits.logConfiguration,
        childPath(path, 'logConfiguration'),
      ),
    );
  }
  if (edits.dockerLabels !== undefined) {
    problems.push(
      ...mergeMap(container, 'dockerLabels', edits.dockerLabels, childPath(path, 'dockerLabels')),
    );
  }
  if (edits.command !== undefined)
    problems.push(...setCommand(container, edits.command, childPath(path, 'command')));
  return problems;
}

/** Sets the image after the checks that do not depend on options (empty, incomplete, syntax). */
export function setImage(container: JsonObject, image: string, path: string): Problem[] {
  const problems = checkImage(image, path, {});
  if (problems.length === 0) container.image = image;
  return problems;
}

/** Replaces `{ name, <valueKey> }` entries in place by name and appends the new ones. */
function upsertNamed(
  container: JsonObject,
  listKey: 'environment' | 'secrets',
  valueKey: 'value' | 'valueFrom',
  values: ReadonlyMap<string, string>,
  path: string,
): Problem[] {
  const list = container[listKey] ?? [];
  if (!isArray(list)) {
    return [
      error(
        childPath(path, listKey),
        'cannot-edit',
        `cannot set ${listKey}: the container's ${listKey} is not a list`,
      ),
    ];
  }
  const problems: Problem[] = [];
  const done = new Set<string>();
  for (const entry of list) {
    const name = isObject(entry) ? entry.name : undefined;
    const value = typeof name === 'string' ? values.get(name) : undefined;
    if (isObject(entry) && typeof name === 'string' && value !== undefined) {
      // Every entry of that name is updated, so a duplicate cannot keep an old value.
      entry[valueKey] = value;
      done.add(name);
    }
  }
  for (const [name, value] of values) {
    if (name === '')
      problems.push(
        error(
          childPath(path, listKey),
          'edit-name-empty',
          `a ${listKey === 'secrets' ? 'secret' : 'variable'} name is empty`,
        ),
      );
    else if (!done.has(name)) list.push({ name, [valueKey]: value });
  }
  container[listKey] = list;
  return problems;
}

function mergeMap(container: JsonObject, key: string, values: StringMap, path: string): Problem[] {
  const target = container[key] ?? {};
  if (!isObject(target))
    return [
      error(path, 'cannot-edit', `cannot set ${key}: the container's ${key} is not an object`),
    ];
  for (const [name, value] of entriesOf(values)) setOwn(target, name, value);
  container[key] = target;
  return [];
}

function setLogConfiguration(
  container: JsonObject,
  edit: LogConfigurationEdit,
  path: string,
): Problem[] {
  const current = container.logConfiguration;
  if (current !== undefined && !isObject(current)) {
    return [
      error(
        path,
        'cannot-edit',
        "cannot edit logConfiguration: the container's logConfiguration is not an object",
      ),
    ];
  }
  if (edit.awslogs !== undefined && edit.logDriver !== undefined && edit.logDriver !== 'awslogs') {
    return [
      error(
        childPath(path, 'logDriver'),
        'log-driver-conflict',
        `the awslogs options imply logDriver "awslogs", but logDriver "${edit.logDriver}" was asked for`,
      ),
    ];
  }
  const driver = edit.logDriver ?? (edit.awslogs === undefined ? current?.logDriver : 'awslogs');
  if (typeof driver !== 'string' || driver === '') {
    return [
      error(
        childPath(path, 'logDriver'),
        'log-driver-missing',
        'the container has no log driver yet; name one (logDriver)',
      ),
    ];
  }
  const config: JsonObject = current?.logDriver === driver ? current : { logDriver: driver };
  const options = new Map(entriesOf(edit.options ?? {}));
  const awslogs = edit.awslogs ?? {};
  if (awslogs.group !== undefined) options.set('awslogs-group', awslogs.group);
  if (awslogs.region !== undefined) options.set('awslogs-region', awslogs.region);
  if (awslogs.streamPrefix !== undefined)
    options.set('awslogs-stream-prefix', awslogs.streamPrefix);
  if (awslogs.createGroup !== undefined)
    options.set('awslogs-create-group', String(awslogs.createGroup));
  container.logConfiguration = config;
  return options.size === 0 ? [] : mergeMap(config, 'options', options, childPath(path, 'options'));
}

function setCommand(
  container: JsonObject,
  command: string | readonly string[],
  path: string,
): Problem[] {
  let argv: string[];
  try {
    argv = typeof command === 'string' ? parseCommand(command) : [...command];
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return [error(path, 'command-syntax', e.message)];
  }
  if (argv.length === 0) {
    return [
      error(
        path,
        'command-empty',
        'the command is empty',
        "Leave the command edit out to keep the current command (or the image's CMD).",
      ),
    ];
  }
  container.command = argv;
  return [];
}
