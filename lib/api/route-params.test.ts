import { describe, expect, it } from 'vitest';
import { errorResponse } from './error-response';
import { awaitRouteParams, BadPathParameterError, checkedRouteParameter, checkedRouteParams } from './route-params';

describe('path parameters', () => {
  it('pass ids, names and image references through unchanged', () => {
    expect(checkedRouteParams({ id: 'web-1.blue_2' }, '/api/v1/containers/web-1.blue_2')).toEqual({ id: 'web-1.blue_2' });
    // Next's production server gives a route without dynamic segments no params at all.
    expect(checkedRouteParams(undefined, '/api/v1/me')).toEqual({});
    expect(checkedRouteParams({ id: 'registry:5000/team/app:1.2@sha256:abc' }, '/api/v1/images/x/history')).toEqual({ id: 'registry:5000/team/app:1.2@sha256:abc' });
    expect(checkedRouteParams({ path: ['no', 'such'] }, '/api/v1/no/such')).toEqual({ path: ['no', 'such'] });
  });

  it('refuse a query, a fragment, dot segments and a slash outside image routes with a 400 naming the parameter', () => {
    const refused = ['web?force=1', 'web#x', 'a\\b', 'a\u0000', 'a/b', '..', '.', ''];
    for (const raw of refused) expect(() => checkedRouteParameter('id', raw, false), raw).toThrow(BadPathParameterError);
    for (const raw of ['a/../../containers/x', '/abs', 'a//b', 'team/app?x=1']) expect(() => checkedRouteParameter('id', raw, true), raw).toThrow(BadPathParameterError);
    expect(() => checkedRouteParams({ id: 'a/b' }, '/api/v1/networks/a%2Fb')).toThrow('The path parameter id may not contain a slash');
    expect(() => checkedRouteParams({ path: ['x?y'] }, '/api/v1/x')).toThrow(BadPathParameterError);
    expect(errorResponse(new BadPathParameterError('id', 'is empty')).status).toBe(400);
  });

  it('decode a parameter left encoded once, refuse one encoded twice, bad percent-encoding and invalid UTF-8', () => {
    expect(checkedRouteParameter('id', 'team%2Fapp', true)).toBe('team/app');
    expect(() => checkedRouteParameter('id', 'web%3Fforce%3D1', false)).toThrow('may not contain ?');
    expect(() => checkedRouteParameter('id', 'web%253F', false)).toThrow('is encoded twice');
    expect(() => checkedRouteParameter('id', 'web%E0%A4%A', false)).toThrow('is not well-encoded');
    expect(() => checkedRouteParameter('id', 'web%FF', false)).toThrow('is not well-encoded');
    expect(() => checkedRouteParameter('id', 'web\ufffd', false)).toThrow(BadPathParameterError);
  });

  it('answer a path Next could not decode with a 400, not a 500', async () => {
    const failed = await awaitRouteParams(Promise.reject(new URIError('URI malformed'))).catch((error: unknown) => error);
    expect(errorResponse(failed).status).toBe(400);
  });
});
