// CPU use told against what the container may use: its cpuset's cores and its CPU limit, not
// the whole host ("45 % of its 1 core", never "of 200 %" for a container pinned to one core).
import { parseCpuset } from './cpuset';

export interface CpuAllowance {
  /** The cores it may run on, of the host's online ones (all of them without a cpuset). */
  readonly cores: readonly number[];
  /** What 100 % means, in cores: the CPU limit when it is lower than the cpuset's cores. */
  readonly capacityCores: number;
}

/** The cores and the capacity a container with this cpuset and CPU limit has on a host with `onlineCpus`. */
export function cpuAllowance(cpuset: string | null, cpus: number | null, onlineCpus: number): CpuAllowance {
  const all = Array.from({ length: Math.max(onlineCpus, 1) }, (_, core) => core);
  const parsed = cpuset ? parseCpuset(cpuset) : all;
  const inSet = typeof parsed === 'string' ? all : parsed.filter((core) => core < all.length);
  const cores = inSet.length > 0 ? inSet : all;
  const capacityCores = cpus !== null && cpus > 0 ? Math.min(cpus, cores.length) : cores.length;
  return { cores, capacityCores };
}

/** Docker's percent of one core (150 = one and a half cores busy) as a percent of the allowance (0–100). */
export function percentOfAllowance(cpuPercentOfOneCore: number, allowance: CpuAllowance): number {
  return allowance.capacityCores > 0 ? cpuPercentOfOneCore / allowance.capacityCores : 0;
}

/** "its 1 core (cpuset 0)", "0.5 of its 2 cores": what 100 % stands for, in words. */
export function allowanceText(allowance: CpuAllowance, cpuset: string | null): string {
  const count = allowance.cores.length;
  const cores = `${count} core${count === 1 ? '' : 's'}`;
  const where = cpuset ? ` (cpuset ${cpuset})` : '';
  return allowance.capacityCores < count ? `${allowance.capacityCores} of its ${cores}${where}` : `its ${cores}${where}`;
}
