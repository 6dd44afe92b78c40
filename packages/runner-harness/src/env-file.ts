/**
 * Parses a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file with the runner's rules: `NAME=VALUE`
 * when `=` comes before any `<<`, otherwise `NAME<<DELIMITER`, value lines, and a line that is
 * exactly the delimiter. A later entry for the same name wins, as in the runner.
 */
export function parseEnvFile(text: string): Map<string, string> {
  const result = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      const name = line.slice(0, eq);
      if (name === '') throw new Error(`Invalid format '${line}'. Name must not be empty`);
      result.set(name, line.slice(eq + 1));
      continue;
    }
    if (heredoc <= 0) throw new Error(`Invalid format '${line}'`);
    const name = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    if (delimiter === '') throw new Error(`Invalid format '${line}'. Delimiter must not be empty`);
    const value: string[] = [];
    let closed = false;
    for (index++; index < lines.length; index++) {
      const next = lines[index] ?? '';
      if (next === delimiter) {
        closed = true;
        break;
      }
      value.push(next);
    }
    if (!closed) throw new Error(`Invalid value. Matching delimiter not found '${delimiter}'`);
    result.set(name, value.join('\n'));
  }
  return result;
}
