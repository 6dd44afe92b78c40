/*
 * Fargate's task size table (docs/aws-behaviour.md#fargate-task-sizes). Any other cpu/memory pair is refused at
 * registration with "No Fargate configuration exists for given values".
 */

interface SizeRow {
  readonly cpu: number;
  readonly minMemory: number;
  readonly maxMemory: number;
  readonly step: number;
  /** The 256-unit row lists three values rather than a range. */
  readonly only?: readonly number[];
}

const TABLE: readonly SizeRow[] = [
  { cpu: 256, minMemory: 512, maxMemory: 2048, step: 512, only: [512, 1024, 2048] },
  { cpu: 512, minMemory: 1024, maxMemory: 4096, step: 1024 },
  { cpu: 1024, minMemory: 2048, maxMemory: 8192, step: 1024 },
  { cpu: 2048, minMemory: 4096, maxMemory: 16384, step: 1024 },
  { cpu: 4096, minMemory: 8192, maxMemory: 30720, step: 1024 },
  { cpu: 8192, minMemory: 16384, maxMemory: 61440, step: 4096 },
  { cpu: 16384, minMemory: 32768, maxMemory: 122880, step: 8192 },
];

/** The task cpu values Fargate offers, in CPU units. */
export const FARGATE_CPU_VALUES: readonly number[] = TABLE.map((row) => row.cpu);

/** True when Fargate offers this cpu (units) and memory (MiB) pair. */
export function isFargateSize(cpu: number, memory: number): boolean {
  const row = TABLE.find((r) => r.cpu === cpu);
  if (row === undefined) return false;
  if (row.only !== undefined) return row.only.includes(memory);
  return (
    memory >= row.minMemory && memory <= row.maxMemory && (memory - row.minMemory) % row.step === 0
  );
}

/** A one-line description of the memory values Fargate allows with `cpu`, for error fixes. */
export function fargateMemoryChoices(cpu: number): string | undefined {
  const row = TABLE.find((r) => r.cpu === cpu);
  if (row === undefined) return undefined;
  if (row.only !== undefined) return row.only.join(', ');
  return `${row.minMemory} to ${row.maxMemory} in steps of ${row.step}`;
}
