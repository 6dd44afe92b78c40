/**
 * The runner's secret masker, reduced to what decides whether a job output survives: a value
 * "may contain secret" when any registered secret, or any encoded form of one, is an ordinal
 * substring of it (actions/runner ValueSecret uses IndexOf with Ordinal; no minimum length).
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
export type SecretOrigin = 'secret' | 'add-mask' | 'token';

/** The values registered in one job, with their encoded forms. */
export class SecretMasker {
  private readonly patterns = new Set<string>();
  private readonly origins: { readonly origin: SecretOrigin; readonly name: string }[] = [];

  /** Registers a value and its encodings; empty values are ignored, as in the runner. */
  addValue(value: string): void {
    for (const form of encodedForms(value)) this.patterns.add(form);
  }

  /** A secret sent with the job: the whole value, then each line of a multi-line one. */
  addSecret(name: string, value: string, origin: SecretOrigin = 'secret'): void {
    if (value === '') return;
    this.origins.push({ origin, name });
    this.addValue(value);
    if (/[\r\n]/.test(value)) for (const line of value.split(/\r?\n/)) this.addValue(line);
  }

  /** `::add-mask::` — whitespace-only values are refused with the runner's warning. */
  addMask(value: string, source: string): string | undefined {
    if (value.trim() === '')
      return "Can't add secret mask for empty string in ##[add-mask] command.";
    this.origins.push({ origin: 'add-mask', name: source });
    this.addValue(value);
    for (const line of value.split(/\r?\n/)) this.addValue(line.trim());
    return undefined;
  }

  /** True when masking would change `value` — the runner's test for dropping an output. */
  mayContainSecret(value: string): boolean {
    for (const pattern of this.patterns) if (value.includes(pattern)) return true;
    return false;
  }

  /** Replaces every registered form with `***`, longest first, as log lines are masked. */
  mask(text: string): string {
    const sorted = [...this.patterns].sort((a, b) => b.length - a.length);
    let result = text;
    for (const pattern of sorted) result = result.split(pattern).join('***');
    return result;
  }

  /** What was registered (names and origins only). */
  get registered(): readonly { readonly origin: SecretOrigin; readonly name: string }[] {
    return this.origins;
  }
}
