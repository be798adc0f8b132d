import { describe, expect, it } from 'vitest';
import { rawJsonResponse } from './raw-http-response';

describe('rawJsonResponse', () => {
  it('writes a whole HTTP/1.1 answer with its length, extra headers in their usual case, and Connection: close', () => {
    const json = JSON.stringify({ message: 'né' });
    expect(rawJsonResponse(429, json, { 'retry-after': '3' })).toBe(
      `HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nRetry-After: 3\r\nConnection: close\r\n\r\n${json}`,
    );
    expect(rawJsonResponse(599, '{}')).toMatch(/^HTTP\/1\.1 599 Error\r\n/);
  });
});
