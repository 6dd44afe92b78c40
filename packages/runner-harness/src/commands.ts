/**
 * Workflow commands in a step's output, parsed as actions/runner does (src/Runner.Common/
 * ActionCommand.cs `TryParseV2` and `TryParse`, src/Runner.Worker/ActionCommandManager.cs
 * `TryProcessCommand`).
 */

/** One workflow command found in a step's stdout, e.g. `::error title=x::message`. */
export interface WorkflowCommand {
  /** Lower-cased: the runner looks commands up case-insensitively. */
  readonly command: string;
  /** Keys lower-cased: the runner's property dictionary ignores case. */
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

/**
 * The commands the runner registers (ActionCommandManager's extensions plus `stop-commands`).
 * A line naming any other command is plain output.
 */
const REGISTERED = new Set([
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
]);

function replaceAll(value: string, pairs: readonly (readonly [string, string])[]): string {
  let result = value;
  for (const [escaped, token] of pairs) result = result.split(escaped).join(token);
  return result;
}

// ActionCommand's escape tables, applied in the runner's order ('%25' last).
const DATA: readonly (readonly [string, string])[] = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
];
const PROPERTY: readonly (readonly [string, string])[] = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%'],
];
const LEGACY: readonly (readonly [string, string])[] = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%'],
];

function properties(
  text: string,
  separator: string,
  unescape: (value: string) => string,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of text.split(separator)) {
    if (pair === '') continue;
    // .NET Split('=', 2, RemoveEmptyEntries): a leading '=' is an empty entry and is dropped.
    const parts = pair.split('=');
    const first = parts.findIndex((part) => part !== '');
    if (first < 0) continue;
    const key = parts[first] ?? '';
    const rest = parts.slice(first + 1).join('=');
    if (rest !== '') result[key.toLowerCase()] = unescape(rest);
  }
  return result;
}

function parsed(
  name: string,
  props: Record<string, string>,
  message: string,
  known: ReadonlySet<string>,
): WorkflowCommand | undefined {
  const command = name.toLowerCase();
  return known.has(command) ? { command, properties: props, message } : undefined;
}

// .NET's Char.IsWhiteSpace, which String.Trim uses: unlike JavaScript's trim it includes U+0085
// and excludes U+FEFF.
const WHITE = String.raw`[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]`;
const LEADING_WHITE = new RegExp(`^${WHITE}+`);
const TRAILING_WHITE = new RegExp(`${WHITE}+$`);
const trimNet = (text: string): string =>
  text.replace(LEADING_WHITE, '').replace(TRAILING_WHITE, '');

/** `::name key=value,…::data` after leading whitespace (TryParseV2). */
function parseV2(line: string, known: ReadonlySet<string>): WorkflowCommand | undefined {
  const text = line.replace(LEADING_WHITE, '');
  if (!text.startsWith('::')) return undefined;
  const end = text.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = text.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  const props =
    space > 0
      ? properties(trimNet(info.slice(space + 1)), ',', (v) => replaceAll(v, PROPERTY))
      : {};
  return parsed(name, props, replaceAll(text.slice(end + 2), DATA), known);
}

/** The older `##[name key=value;…]data` form, found anywhere in the line (TryParse). */
function parseLegacy(line: string, known: ReadonlySet<string>): WorkflowCommand | undefined {
  const start = line.indexOf('##[');
  if (start < 0) return undefined;
  const close = line.indexOf(']', start);
  if (close < 0) return undefined;
  const info = line.slice(start + 3, close);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  const props =
    space > 0 ? properties(info.slice(space + 1), ';', (v) => replaceAll(v, LEGACY)) : {};
  return parsed(name, props, replaceAll(line.slice(close + 1), LEGACY), known);
}

/** Parses one output line as the runner does; undefined when the line is not a command. */
export function parseCommandLine(
  line: string,
  known: ReadonlySet<string> = REGISTERED,
): WorkflowCommand | undefined {
  if (line === '') return undefined;
  return parseV2(line, known) ?? parseLegacy(line, known);
}

/**
 * The lines of a process's output as .NET's StreamReader.ReadLine yields them (the runner reads
 * step output that way): `\r\n`, a lone `\r` and `\n` each end a line.
 */
export function outputLines(stdout: string): string[] {
  const lines = stdout.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Every workflow command in a step's stdout, in order, as the runner acts on them:
 * `::stop-commands::<token>` is kept (so its token can be masked) and every later command is
 * ignored until a line `::<token>::` resumes processing (the token then stops being a command).
 */
export function parseCommands(stdout: string): WorkflowCommand[] {
  const result: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  for (const line of outputLines(stdout)) {
    if (stopToken !== undefined) {
      const resume = parseCommandLine(line, new Set([...REGISTERED, stopToken]));
      if (resume?.command === stopToken) stopToken = undefined;
      continue;
    }
    const command = parseCommandLine(line);
    if (command === undefined) continue;
    result.push(command);
    // An empty or reserved token is refused by ValidateStopToken; processing goes on.
    const token = command.message.toLowerCase();
    if (
      command.command === 'stop-commands' &&
      token !== '' &&
      token !== 'pause-logging' &&
      !REGISTERED.has(token)
    )
      stopToken = token;
  }
  return result;
}
