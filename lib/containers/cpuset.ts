/** Docker's cpuset syntax: "0", "0-2", "0,2-3". */
export const CPUSET_PATTERN = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

/** The cores a cpuset names, or a message saying what is wrong with it. */
export function parseCpuset(value: string): number[] | string {
  if (!CPUSET_PATTERN.test(value)) return 'Use core numbers and ranges, e.g. 0, 0-1 or 0,2-3';
  const cores = new Set<number>();
  for (const part of value.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    if (to < from) return `The range ${part} runs backwards: write ${to}-${from}`;
    for (let core = from; core <= to; core += 1) cores.add(core);
  }
  return [...cores].sort((a, b) => a - b);
}

/** A message if the cpuset names a core the host does not have, else null. */
export function cpusetProblem(value: string, hostCores: number, host: string): string | null {
  const cores = parseCpuset(value);
  if (typeof cores === 'string') return cores;
  const missing = cores.filter((core) => core >= hostCores);
  if (missing.length === 0) return null;
  const valid = hostCores === 1 ? '0' : `0-${hostCores - 1}`;
  // "core 2-92", never ninety numbers; a single core keeps the plain "core 2 does not exist".
  const named = `core ${compactCores(missing)} ${missing.length === 1 ? 'does' : 'do'} not exist`;
  return `${host} has ${hostCores} core${hostCores === 1 ? '' : 's'} (${valid}): ${named}; use cores in ${valid}`;
}

/** Sorted core numbers written as a cpuset: [2, 3, 4, 7] → "2-4,7", never ninety numbers in a row. */
export function compactCores(cores: readonly number[]): string {
  const runs: string[] = [];
  let index = 0;
  while (index < cores.length) {
    const from = cores[index] as number;
    let to = from;
    while (cores[index + 1] === to + 1) {
      to += 1;
      index += 1;
    }
    runs.push(from === to ? String(from) : `${from}-${to}`);
    index += 1;
  }
  return runs.join(',');
}

/** A message if the host has fewer cores than asked for, else null. */
export function cpusProblem(cpus: number, hostCores: number, host: string): string | null {
  return cpus > hostCores ? `${host} has ${hostCores} core${hostCores === 1 ? '' : 's'}: ask for at most ${hostCores}` : null;
}
