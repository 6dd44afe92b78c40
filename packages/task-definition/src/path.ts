const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Extends a JSON path: `a` + `b` → `a.b`, + 1 → `a[1]`, + `x.y` → `a["x.y"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}
