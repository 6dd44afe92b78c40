/**
 * Parses a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file as the runner does on Linux
 * (actions/runner src/Runner.Worker/FileCommandManager.cs, `EnvFileKeyValuePairs`):
 * - lines end at `\n` only (the `\r\n` case is Windows-only there), so a `\r` stays in the value;
 * - empty lines are skipped;
 * - `NAME=VALUE` when `=` comes before any `<<` (an empty NAME is accepted: the runner's check
 *   for it tests the whole line, which is never empty there);
 * - otherwise `NAME<<DELIMITER`, then value lines up to a line that is exactly the delimiter;
 *   every value line must end with a newline, or the file is refused;
 * - a later entry for the same name wins.
 */
export function parseEnvFile(text: string): Map<string, string> {
  const result = new Map<string, string>();
  let index = 0;
  /** The next line and whether a newline ended it; undefined at the end of the text. */
  const readLine = (): { line: string; ended: boolean } | undefined => {
    if (index >= text.length) return undefined;
    const lf = text.indexOf('\n', index);
    const start = index;
    if (lf < 0) {
      index = text.length;
      return { line: text.slice(start), ended: false };
    }
    index = lf + 1;
    return { line: text.slice(start, lf), ended: true };
  };
  for (let next = readLine(); next !== undefined; next = readLine()) {
    const { line } = next;
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      result.set(line.slice(0, eq), line.slice(eq + 1));
      continue;
    }
    if (heredoc < 0) throw new Error(`Invalid format '${line}'`);
    const name = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    if (name === '' || delimiter === '')
      throw new Error(
        `Invalid format '${line}'. Name must not be empty and delimiter must not be empty`,
      );
    const start = index;
    let end = index;
    for (let value = readLine(); value?.line !== delimiter; value = readLine()) {
      if (value === undefined)
        throw new Error(`Invalid value. Matching delimiter not found '${delimiter}'`);
      if (!value.ended) throw new Error('Invalid value. EOF marker missing new line.');
      end = index - 1;
    }
    result.set(name, end > start ? text.slice(start, end) : '');
  }
  return result;
}
