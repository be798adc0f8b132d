// The value syntaxes a compose file uses, read as the docker CLI's loader reads them (Go's
// time.ParseDuration, go-units' RAMInBytes, opts.ParseCPUs, go-shellwords).
import { splitCommandWords } from '@/lib/command-line/command-words';

const DURATION_UNITS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** "1m30s", "500ms", "10s" in nanoseconds, or null when it is not a Go duration. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== trimmed) return null;
  return Math.round(parts.reduce((sum, part) => sum + Number(part[1]) * (DURATION_UNITS[part[2] ?? ''] ?? 0), 0));
}

const BYTE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** "50M", "1g", "512m", "1.5GiB" in bytes (binary units, as docker's RAMInBytes), or null. */
export function parseBytes(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  const match = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(value.trim());
  if (!match) return null;
  return Math.trunc(Number(match[1]) * (BYTE_UNITS[(match[2] ?? '').toLowerCase()] ?? 1));
}

/** "0.5" CPUs in nano CPUs; null when not a whole number of nano CPUs. */
export function parseCpus(value: string | number): number | null {
  const text = String(value).trim();
  if (!/^\d+(\.\d{1,9})?$/.test(text)) return null;
  const [whole = '0', fraction = ''] = text.split('.');
  return Number(whole) * 1e9 + Number(fraction.padEnd(9, '0'));
}

/** A compose `command:`/`entrypoint:` string in words: the console's one shell splitter (lib/command-line). */
export function splitCommandLine(line: string): string[] {
  const split = splitCommandWords(line);
  if (!split.ok) throw new Error(split.problem);
  return split.words;
}
