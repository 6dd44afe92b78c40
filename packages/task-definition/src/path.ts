const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Extends a JSON path key by key: `a` + `b` → `a.b`, + 1 → `a[1]`, + `x.y` → `a["x.y"]`. */
export function childPath(path: string, ...keys: (string | number)[]): string {
  return keys.reduce<string>((base, key) => {
    if (typeof key === 'number') return `${base}[${key}]`;
    if (!IDENTIFIER.test(key)) return `${base}[${JSON.stringify(key)}]`;
    return base === '' ? key : `${base}.${key}`;
  }, path);
}
