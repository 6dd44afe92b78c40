/**
 * The runner's secret masker (src/Sdk/DTLogging/Logging/SecretMasker.cs, ValueSecret.cs,
 * ValueEncoders.cs), reduced to what decides whether a job output survives: a value "may contain
 * secret" when masking it changes it. Matches are ordinal, overlapping, with no minimum length.
 */

/** Base64 of the UTF-8 bytes after dropping `shift` leading bytes, padded, as the runner does. */
function base64Shifted(value: string, shift: number): string {
  const bytes = Buffer.from(value, 'utf8');
  return (bytes.length > shift ? bytes.subarray(shift) : bytes).toString('base64');
}

/** Newtonsoft's JsonConvert.ToString without the quotes; it also escapes U+0085/2028/2029. */
function jsonEscape(value: string): string {
  return JSON.stringify(value)
    .slice(1, -1)
    .replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** .NET Uri.EscapeDataString keeps only RFC 3986 unreserved characters. */
function uriDataEscape(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** .NET SecurityElement.Escape. */
function xmlEscape(value: string): string {
  const table: Readonly<Record<string, string>> = {
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&apos;',
    '&': '&amp;',
  };
  return value.replace(/[<>"'&]/g, (c) => table[c] ?? c);
}

function trimDoubleQuotes(value: string): string {
  return value.length > 8 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : '';
}

// PowerShell may colour or split a secret at `&`; the runner masks the parts on either side.
function powerShellPreAmpersand(value: string): string {
  if (!value.includes('&')) return '';
  const section = value.includes('&+')
    ? value.slice(0, value.indexOf('&+') + 2)
    : value.slice(0, value.lastIndexOf('&') + 1);
  return section.length >= 6 ? section : '';
}

function powerShellPostAmpersand(value: string): string {
  if (!value.includes('&')) return '';
  const section = value.includes('&+')
    ? value.slice(value.indexOf('&+') + 3)
    : value.slice(value.lastIndexOf('&') + 1);
  return section.length >= 6 ? section : '';
}

/** Every form of `secret` the runner registers: itself plus its value encoders' results. */
export function encodedForms(secret: string): string[] {
  if (secret === '') return [];
  const forms = [
    secret,
    base64Shifted(secret, 0),
    base64Shifted(secret, 1),
    base64Shifted(secret, 2),
    secret.replace(/"/g, '\\"'),
    secret.replace(/'/g, "''"),
    jsonEscape(secret),
    uriDataEscape(secret),
    xmlEscape(secret),
    trimDoubleQuotes(secret),
    powerShellPreAmpersand(secret),
    powerShellPostAmpersand(secret),
  ];
  return [...new Set(forms.filter((form) => form !== ''))];
}

/** Where a registered value came from, for the transcript (never the value itself). */
export type SecretOrigin = 'secret' | 'add-mask' | 'token' | 'stop-commands';

// .NET Char.IsWhiteSpace: Unicode Zs/Zl/Zp plus TAB, LF, VT, FF, CR, U+0085 and U+00A0. It
// differs from JavaScript's trim(), which also strips U+FEFF and keeps U+0085.
const DOTNET_SPACE =
  '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEADING = new RegExp(`^${DOTNET_SPACE}+`);
const TRAILING = new RegExp(`${DOTNET_SPACE}+$`);

/** .NET String.TrimStart(): leading white space as .NET defines it. */
export function dotnetTrimStart(value: string): string {
  return value.replace(LEADING, '');
}

/** .NET String.Trim(). */
export function dotnetTrim(value: string): string {
  return dotnetTrimStart(value).replace(TRAILING, '');
}

/**
 * `Split(new[] { '\r', '\n' }, RemoveEmptyEntries | TrimEntries)` (Worker.InitializeSecretMasker,
 * AddMaskCommandExtension): each line of a value, trimmed, empty ones dropped. A lone CR splits
 * as well as LF.
 */
export function trimmedLines(value: string): string[] {
  return value
    .split(/[\r\n]/)
    .map(dotnetTrim)
    .filter((line) => line !== '');
}

/**
 * Secrets the runner never masks (Worker.cs, SecretVariableMaskWhitelist): turning on debug
 * logging with a secret must not mask every `true` in the log.
 */
const UNMASKED_SECRETS = new Set(['ACTIONS_STEP_DEBUG', 'ACTIONS_RUNNER_DEBUG']);

/** Every place in `text` where `pattern` starts, overlapping ones included (ValueSecret.GetPositions). */
function positions(text: string, pattern: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1))
    found.push(at);
  return found;
}

/** The values registered in one job, with their encoded forms. */
export class SecretMasker {
  private readonly patterns = new Set<string>();
  private readonly origins: { readonly origin: SecretOrigin; readonly name: string }[] = [];

  /** SecretMasker.AddValue: the value and its encodings; an empty value is ignored. */
  addValue(value: string): void {
    for (const form of encodedForms(value)) this.patterns.add(form);
  }

  /**
   * A secret sent with the job, as Worker.InitializeSecretMasker registers it: the value is
   * trimmed first, then registered whole and line by line (each line trimmed, empty ones
   * dropped). A secret of only white space registers nothing.
   */
  addSecret(name: string, value: string, origin: SecretOrigin = 'secret'): void {
    if (UNMASKED_SECRETS.has(name.toUpperCase())) return;
    const trimmed = dotnetTrim(value);
    if (trimmed === '') return;
    this.origins.push({ origin, name });
    this.addValue(trimmed);
    for (const line of trimmedLines(trimmed)) this.addValue(line);
  }

  /**
   * `::add-mask::` as AddMaskCommandExtension.ProcessCommand handles it: a blank value is
   * refused with the runner's warning; otherwise the value is registered as written (not
   * trimmed), then each trimmed non-empty line.
   */
  addMask(value: string, source: string): string | undefined {
    if (dotnetTrim(value) === '')
      return "Can't add secret mask for empty string in ##[add-mask] command.";
    this.origins.push({ origin: 'add-mask', name: source });
    this.addValue(value);
    for (const line of trimmedLines(value)) this.addValue(line);
    return undefined;
  }

  /** A `stop-commands` token longer than 6 characters (ActionCommandManager.TryProcessCommand). */
  addStopToken(token: string, source: string): void {
    this.origins.push({ origin: 'stop-commands', name: source });
    this.addValue(token);
  }

  /**
   * The runner's test for dropping a job output (JobExtension.FinalizeJob): the value "may
   * contain secret" when masking changes it. A secret of only `*` therefore never drops a value
   * whose matches are already `***`.
   */
  mayContainSecret(value: string): boolean {
    return this.mask(value) !== value;
  }

  /**
   * SecretMasker.MaskSecrets: find every occurrence of every registered form, merge those that
   * overlap or touch, and replace each merged range with `***`.
   */
  mask(text: string): string {
    if (text === '') return '';
    const found: { start: number; end: number }[] = [];
    for (const pattern of this.patterns)
      for (const start of positions(text, pattern))
        found.push({ start, end: start + pattern.length });
    if (found.length === 0) return text;
    found.sort((a, b) => a.start - b.start);
    const merged: { start: number; end: number }[] = [];
    for (const next of found) {
      const last = merged[merged.length - 1];
      if (last !== undefined && next.start <= last.end) last.end = Math.max(last.end, next.end);
      else merged.push({ ...next });
    }
    let result = '';
    let from = 0;
    for (const range of merged) {
      result += `${text.slice(from, range.start)}***`;
      from = range.end;
    }
    return result + text.slice(from);
  }

  /** What was registered (names and origins only). */
  get registered(): readonly { readonly origin: SecretOrigin; readonly name: string }[] {
    return this.origins;
  }
}
