/**
 * Expressions whose value an outsider (or a previous job) controls, and that therefore must not
 * be interpolated into a `run:` script, where `${{ }}` is pasted into the shell source before
 * it runs. Through `env:` they arrive as data instead.
 */
const UNTRUSTED: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  {
    pattern:
      /\bgithub\s*\.\s*event\s*\.[\w.*[\]' -]*?\b(title|body|message|name|email|label|ref|default_branch|page_name|head_ref)\b/i,
    what: 'event data anyone opening an issue or pull request controls',
  },
  { pattern: /\bgithub\s*\.\s*head_ref\b/i, what: 'the pull request branch name' },
  { pattern: /\bgithub\s*\.\s*event\s*\.\s*inputs\b/i, what: 'a workflow_dispatch input' },
  { pattern: /(^|[^.\w])inputs\s*\.\s*[A-Za-z_]/i, what: 'a workflow input' },
  { pattern: /\bneeds\s*\.\s*[\w-]+\s*\.\s*outputs\b/i, what: "another job's output" },
];

/** Why `expression` must not appear in `run:`, or undefined when it may. */
export function untrustedReason(expression: string): string | undefined {
  // String literals cannot inject anything; ignore their text.
  const code = expression.replace(/'(?:[^']|'')*'/g, "''");
  return UNTRUSTED.find(({ pattern }) => pattern.test(code))?.what;
}
