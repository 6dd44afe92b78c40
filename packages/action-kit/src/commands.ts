// The runner's two channels: workflow commands on stdout (`::name k=v::message`) and
// environment files (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE) in the `name<<DELIMITER` form.

/** Escapes a workflow command's message the way the runner un-escapes it. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command property value (also `:` and `,`, which delimit properties). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Formats one workflow command line, e.g. `::error title=x::message`. */
export function formatCommand(
  name: string,
  properties: Readonly<Record<string, string | number | undefined>>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}

/**
 * Formats a `name<<DELIMITER` block for an environment file. The delimiter is random per call so
 * that no value can end the block early; a value that contains it anyway is refused.
 */
export function formatFileCommand(name: string, value: string, delimiter: string): string {
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`the value of "${name}" contains the file-command delimiter`);
  }
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}
