/** Fargate's task-level cpu → allowed memory (MiB) table (docs/aws-behaviour.md#fargate-task-sizes). */
const FARGATE: readonly { cpu: number; memory: (m: number) => boolean }[] = [
  { cpu: 256, memory: (m) => m === 512 || m === 1024 || m === 2048 },
  { cpu: 512, memory: (m) => steps(m, 1024, 4096, 1024) },
  { cpu: 1024, memory: (m) => steps(m, 2048, 8192, 1024) },
  { cpu: 2048, memory: (m) => steps(m, 4096, 16384, 1024) },
  { cpu: 4096, memory: (m) => steps(m, 8192, 30720, 1024) },
  { cpu: 8192, memory: (m) => steps(m, 16384, 61440, 4096) },
  { cpu: 16384, memory: (m) => steps(m, 32768, 122880, 8192) },
];

function steps(m: number, lo: number, hi: number, step: number): boolean {
  return m >= lo && m <= hi && (m - lo) % step === 0;
}

/** True when Fargate has a configuration for this cpu/memory pair. */
export function isValidFargatePair(cpu: number, memory: number): boolean {
  return FARGATE.some((row) => row.cpu === cpu && row.memory(memory));
}

/**
 * Normalises a task-level cpu or memory string as ECS stores it: `"1 vCPU"` → `"1024"`,
 * `"2 GB"` → `"2048"`, `"512"` stays; undefined when it cannot be parsed.
 */
export function normaliseUnits(value: string, kind: 'cpu' | 'memory'): string | undefined {
  // Leading-dot decimals occur in real files (".25 vcpu", ".5 gb").
  const m = /^\s*(\d*\.?\d+)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  if (unit === '') return Number.isInteger(n) ? String(n) : undefined;
  if (kind === 'cpu' && unit === 'vcpu') return String(Math.round(n * 1024));
  if (kind === 'memory' && (unit === 'gb' || unit === 'gib')) return String(Math.round(n * 1024));
  if (kind === 'memory' && (unit === 'mb' || unit === 'mib')) return String(Math.round(n));
  return undefined;
}
