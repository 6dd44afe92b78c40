/**
 * Which secrets a job references. GitHub sends a job only the secrets its expressions name, or
 * all of them when `secrets` is used as a whole (`toJSON(secrets)`, `secrets[expr]`); only
 * those get registered with the masker.
 */
export function referencedSecrets(
  expressions: readonly string[],
  available: readonly string[],
): string[] {
  const byUpper = new Map(available.map((name) => [name.toUpperCase(), name]));
  const found = new Set<string>();
  for (const expression of expressions) {
    // Drop string literals first so `'secrets.X'` in text is not taken as a reference.
    const code = expression.replace(/'(?:[^']|'')*'/g, (literal) =>
      /^'[A-Za-z_][\w-]*'$/.test(literal) ? literal : "''",
    );
    const named = /\bsecrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*'([A-Za-z_][\w-]*)'\s*\])/gi;
    const whole = /\bsecrets\b(?!\s*\.\s*[A-Za-z_]|\s*\[\s*'[A-Za-z_][\w-]*'\s*\])/i;
    if (whole.test(code)) return [...available];
    for (const match of code.matchAll(named)) {
      const name = byUpper.get((match[1] ?? match[2] ?? '').toUpperCase());
      if (name !== undefined) found.add(name);
    }
  }
  return available.filter((name) => found.has(name));
}
