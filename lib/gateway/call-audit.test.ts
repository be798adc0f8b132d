import { describe, expect, it } from 'vitest';
import { callEvent, shouldAudit, type CallRecord } from './call-audit';
import { requestHeadersForEngine, responseHeadersForCaller, upgradeHeadersForEngine } from './forwarded-headers';

const record = (path: string, status: number): CallRecord => ({ actor: 'a', method: 'GET', path, target: null, address: '127.0.0.1', requires: null, status, refusal: null });

describe('what the gateway records and forwards', () => {
  it('audits every call but a successful ping', () => {
    expect(shouldAudit(record('/_ping', 200))).toBe(false);
    expect(shouldAudit(record('/v1.41/_ping', 200))).toBe(false);
    expect(shouldAudit(record('/_ping', 401))).toBe(true);
    expect(shouldAudit(record('/v1.41/containers/json', 200))).toBe(true);
  });

  it('leaves out the calls the token limit refused: its hit is audited once a window instead', () => {
    expect(shouldAudit({ ...record('/v1.41/containers/json', 429), actor: null, rateLimited: true })).toBe(false);
    expect(shouldAudit({ ...record('/v1.41/containers/json', 401), actor: null })).toBe(true);
  });

  it('keeps the host a routed or placed call went to', () => {
    expect(callEvent({ ...record('/v1.41/containers/create', 201), method: 'POST', host: 'h2' }).details).toMatchObject({ host: 'h2', status: 201 });
    expect(callEvent(record('/v1.41/images/json', 200)).details).not.toHaveProperty('host');
  });

  it('never sends the console credentials to the engine', () => {
    const raw = ['Host', 'gw', 'X-Access-Token', 'u:shy_x', 'Authorization', 'Bearer shy_x', 'Content-Type', 'application/json', 'Content-Length', '99'];
    expect(requestHeadersForEngine(raw, null)).toEqual(['Host', 'gw', 'Content-Type', 'application/json', 'Content-Length', '99']);
    expect(requestHeadersForEngine(raw, Buffer.from('{}'))).toEqual(['Host', 'gw', 'Content-Type', 'application/json', 'Content-Length', '2']);
    expect(upgradeHeadersForEngine([...raw, 'Connection', 'Upgrade', 'Upgrade', 'tcp'], Buffer.alloc(99))).toEqual([
      'Host', 'gw', 'Content-Type', 'application/json', 'Content-Length', '99', 'Connection', 'Upgrade', 'Upgrade', 'tcp',
    ]);
  });

  it("passes the engine's headers back without its connection framing", () => {
    expect(responseHeadersForCaller(['Api-Version', '1.41', 'Transfer-Encoding', 'chunked', 'Connection', 'close', 'Content-Length', '3'])).toEqual([
      'Api-Version', '1.41', 'Content-Length', '3',
    ]);
  });
});
