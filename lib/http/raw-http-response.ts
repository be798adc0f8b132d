import { STATUS_CODES } from 'node:http';

/** "retry-after" → "Retry-After", as servers write header names. */
function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

/**
 * A whole HTTP/1.1 answer with a JSON body, for a socket that has no ServerResponse (an upgrade
 * refused before the protocol switch). Connection: close, so nothing after it is read.
 */
export function rawJsonResponse(status: number, json: string, headers: Readonly<Record<string, string>> = {}): string {
  const extra = Object.entries(headers).map(([name, value]) => `${headerName(name)}: ${value}\r\n`).join('');
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n${extra}Connection: close\r\n\r\n${json}`
  );
}
