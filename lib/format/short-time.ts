/** An ISO time to the minute, as tables show it: 2026-12-01 15:52. */
export const shortTime = (iso: string): string => iso.replace('T', ' ').slice(0, 16);
