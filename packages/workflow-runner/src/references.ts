/**
 * What an expression or a shell line reads: `secrets.*`, `steps.<id>.outputs.<name>`, `env.*`
 * and `$VARIABLES`. Only the forms written by hand are recognised (`a.b` and `a['b']`); string
 * literals are ignored, so `'secrets.X'` in text is not a reference.
 */

/** One context reference in an expression. */
export type Reference =
  | { readonly kind: 'secret'; readonly name: string }
  | { readonly kind: 'step-output'; readonly step: string; readonly output: string }
  | { readonly kind: 'env'; readonly name: string }
  /** Any other context path, normalised to dots: `vars.AWS_ACCOUNT_ID`, `needs.a.outputs.b`. */
  | { readonly kind: 'other'; readonly path: string };

const NAME = String.raw`(?:\.\s*([A-Za-z_][\w-]*)|\[\s*'([^']*)'\s*\])`;
const SECRET = new RegExp(String.raw`(?<![.\w-])secrets\b\s*${NAME}?`, 'gi');
const STEP_OUTPUT = new RegExp(
  String.raw`(?<![.\w-])steps\s*${NAME}\s*\.\s*outputs\b\s*${NAME}?`,
  'gi',
);
const ENV = new RegExp(String.raw`(?<![.\w-])env\b\s*${NAME}?`, 'gi');
const OTHER = new RegExp(
  String.raw`(?<![.\w-])(vars|needs|inputs|matrix|github|runner|job|strategy)((?:\s*${NAME})+)`,
  'gi',
);

/** The references of one expression (`*` stands for a whole object, as in `toJSON(secrets)`). */
export function expressionReferences(expression: string): Reference[] {
  const code = expression.replace(/'(?:[^']|'')*'/g, (literal) =>
    /^'[A-Za-z_][\w-]*'$/.test(literal) ? literal : "''",
  );
  const found: Reference[] = [];
  for (const m of code.matchAll(SECRET)) found.push({ kind: 'secret', name: m[1] ?? m[2] ?? '*' });
  for (const m of code.matchAll(STEP_OUTPUT))
    found.push({ kind: 'step-output', step: m[1] ?? m[2] ?? '', output: m[3] ?? m[4] ?? '*' });
  for (const m of code.matchAll(ENV)) found.push({ kind: 'env', name: m[1] ?? m[2] ?? '*' });
  for (const m of code.matchAll(OTHER)) {
    const rest = (m[2] ?? '').replace(/\s+/g, '').replace(/\['([^']*)'\]/g, '.$1');
    found.push({ kind: 'other', path: `${(m[1] ?? '').toLowerCase()}${rest}` });
  }
  return found;
}

/** The `${{ }}` expressions written in a text (a `run:` script as written). */
export function embeddedExpressions(text: string): string[] {
  return [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => (m[1] ?? '').trim());
}

/** The shell variables a line expands (`$X`, `${X}`, `${X:-…}`), `${{ }}` left out. */
export function shellVariables(line: string): string[] {
  const code = line.replace(/\$\{\{[\s\S]*?\}\}/g, '');
  return [...code.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => m[1] ?? '');
}

/** What a `run:` script writes to one of the runner's files, as far as a line shows it. */
export interface ScriptWrites {
  /** `name` → the lines that produce its value, for GITHUB_OUTPUT (and `::set-output`). */
  readonly outputs: ReadonlyMap<string, readonly string[]>;
  /** The same for GITHUB_ENV. */
  readonly env: ReadonlyMap<string, readonly string[]>;
  /** Plain assignments `NAME=value` in the script, for variables set before they are written. */
  readonly assignments: ReadonlyMap<string, readonly string[]>;
}

function add(map: Map<string, string[]>, name: string, line: string): void {
  map.set(name, [...(map.get(name) ?? []), line]);
}

/**
 * Finds, line by line, `name=value` and `name<<EOF … EOF` written to `$GITHUB_OUTPUT` or
 * `$GITHUB_ENV` (echo, printf, tee: any line naming the file), `::set-output name=x::`, and
 * plain assignments. Anything else (a value built in a function, a file written elsewhere) is
 * out of reach and contributes nothing.
 */
export function scriptWrites(script: string): ScriptWrites {
  const outputs = new Map<string, string[]>();
  const env = new Map<string, string[]>();
  const assignments = new Map<string, string[]>();
  let heredoc: { target: Map<string, string[]>; name: string; end: string } | undefined;
  for (const line of script.split('\n')) {
    const file = /\bGITHUB_OUTPUT\b/.test(line)
      ? outputs
      : /\bGITHUB_ENV\b/.test(line)
        ? env
        : undefined;
    if (heredoc !== undefined) {
      if (line.includes(heredoc.end) && file !== undefined && !/\S+<</.test(line))
        heredoc = undefined;
      else if (file === heredoc.target) add(heredoc.target, heredoc.name, line);
      continue;
    }
    const setOutput = /::set-output\s+name=([\w-]+)::/.exec(line);
    if (setOutput?.[1] !== undefined) add(outputs, setOutput[1], line);
    if (file !== undefined) {
      const start = /(?:^|[\s"'(])([A-Za-z_][\w-]*)<<['"]?([\w-]+)/.exec(line);
      if (start?.[1] !== undefined && start[2] !== undefined) {
        heredoc = { target: file, name: start[1], end: start[2] };
        continue;
      }
      for (const m of line.matchAll(/(?:^|[\s"'(])([A-Za-z_][\w-]*)=/g))
        if (m[1] !== undefined && !m[1].startsWith('GITHUB_')) add(file, m[1], line);
      continue;
    }
    const assignment = /^\s*(?:export\s+|local\s+|declare\s+\S*\s*)?([A-Za-z_]\w*)=(.*)$/.exec(
      line,
    );
    if (assignment?.[1] !== undefined) add(assignments, assignment[1], assignment[2] ?? '');
  }
  return { outputs, env, assignments };
}
