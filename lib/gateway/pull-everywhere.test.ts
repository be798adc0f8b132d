import { describe, expect, it } from 'vitest';
import { carriesLogin } from './pull-auth';
import { markPullLine } from './pull-everywhere';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('a pull on several hosts', () => {
  it('marks each progress line with its host: layer rows by id, the rest by status, errors too', () => {
    expect(JSON.parse(markPullLine('h2', '{"status":"Downloading","id":"a1b2","progressDetail":{"current":1}}'))).toEqual({ status: 'Downloading', id: 'h2/a1b2', progressDetail: { current: 1 } });
    expect(JSON.parse(markPullLine('h1', '{"status":"Status: Image is up to date for busybox:latest"}')).status).toBe('h1: Status: Image is up to date for busybox:latest');
    expect(JSON.parse(markPullLine('h3', '{"errorDetail":{"message":"denied"},"error":"denied"}'))).toEqual({ errorDetail: { message: 'h3: denied' }, error: 'h3: denied' });
    expect(markPullLine('h1', 'not json')).toBe('not json');
  });

  it("takes the caller's X-Registry-Auth only when it holds a login (the CLI sends {} without one)", () => {
    expect(carriesLogin(b64({}))).toBe(false);
    expect(carriesLogin(b64({ username: '', password: '' }))).toBe(false);
    expect(carriesLogin(undefined)).toBe(false);
    expect(carriesLogin('%%%')).toBe(false);
    expect(carriesLogin(b64({ username: 'ci', password: 'x', serveraddress: 'registry.example:5000' }))).toBe(true);
    expect(carriesLogin(b64({ identitytoken: 'tok' }))).toBe(true);
  });
});
