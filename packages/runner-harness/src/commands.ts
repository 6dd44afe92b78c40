/** One workflow command found in a step's stdout, e.g. `::error title=x::message`. */
export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

function unescapeData(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(value: string): string {
  return unescapeData(value.replace(/%3A/g, ':').replace(/%2C/g, ','));
}

/** Parses a stdout line as the runner does; undefined when the line is not a command. */
export function parseCommandLine(line: string): WorkflowCommand | undefined {
  const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/s.exec(line.trimEnd());
  if (match === null) return undefined;
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
  }
  return { command: match[1] ?? '', properties, message: unescapeData(match[3] ?? '') };
}

/** Every workflow command in a step's stdout, in order. */
export function parseCommands(stdout: string): WorkflowCommand[] {
  return stdout.split('\n').flatMap((line) => {
    const command = parseCommandLine(line);
    return command === undefined ? [] : [command];
  });
}
