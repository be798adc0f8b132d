// The /proc and /sys paths the engine masks or makes read-only when a create body does not say
// (moby oci/defaults.go, engine 20.10). Inspect reports them in HostConfig, so a copy of an
// existing container (the console's scale) sends them back: a list that keeps every default is
// what the engine would apply anyway, and is dropped so that the engine's own defaults apply.

export const DEFAULT_MASKED_PATHS: readonly string[] = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
];

export const DEFAULT_READONLY_PATHS: readonly string[] = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/** Absent, or a list holding every one of `defaults` (no path the engine protects is given up). */
export const keepsEveryDefault =
  (defaults: readonly string[]) =>
  (value: unknown): boolean =>
    value === null || value === undefined || (Array.isArray(value) && defaults.every((path) => value.includes(path)));
