/** One combination of `strategy.matrix` values (the `matrix` context of one job instance). */
export type Combination = Readonly<Record<string, unknown>>;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function matches(combination: Combination, partial: Combination): boolean {
  return Object.entries(partial).every(([key, value]) => same(combination[key], value));
}

/**
 * Expands `strategy.matrix` as GitHub documents it: the cross product of the list-valued keys
 * (first key varying slowest), minus `exclude` (partial matches), then each `include` entry is
 * added to every combination whose original values it does not overwrite, or appended as a new
 * combination when it fits none.
 */
export function expandMatrix(matrix: Readonly<Record<string, unknown>>): Combination[] {
  const { include, exclude, ...dimensions } = matrix;
  let combinations: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(dimensions)) {
    const list = Array.isArray(values) ? (values as unknown[]) : [values];
    combinations = combinations.flatMap((base) => list.map((value) => ({ ...base, [key]: value })));
  }
  if (Object.keys(dimensions).length === 0) combinations = [];
  const excluded = Array.isArray(exclude) ? (exclude as Combination[]) : [];
  combinations = combinations.filter((c) => !excluded.some((partial) => matches(c, partial)));
  const originals = combinations.map((c) => ({ ...c }));
  for (const entry of Array.isArray(include) ? (include as Combination[]) : []) {
    let added = false;
    for (const [index, combination] of combinations.entries()) {
      const original = originals[index] ?? {};
      const overwrites = Object.entries(entry).some(
        ([key, value]) => key in original && !same(original[key], value),
      );
      if (!overwrites) {
        Object.assign(combination, entry);
        added = true;
      }
    }
    if (!added) {
      combinations.push({ ...entry });
      originals.push({ ...entry });
    }
  }
  return combinations;
}

/** The display name GitHub gives a matrix instance: `build (18, ubuntu)`. */
export function instanceName(name: string, combination: Combination): string {
  const values = Object.values(combination).map((value) =>
    typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value),
  );
  return values.length === 0 ? name : `${name} (${values.join(', ')})`;
}
