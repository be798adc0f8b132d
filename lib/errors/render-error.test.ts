import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError, ConflictError, DatabaseUnavailableError, NotFoundError, RateLimitedError, ValidationError } from './app-error';
import { httpStatusFor } from './http-status';
import { INTERNAL_MESSAGE, renderError } from './render-error';
import { StatusError } from './status-error';
import { EtcdUnavailableError } from '@/lib/etcd/etcd-unavailable-error';

describe('renderError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers an AppError with the status of its code and its own words', () => {
    expect(renderError(new NotFoundError('No container abc: it may have been removed'))).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'No container abc: it may have been removed' } },
      headers: {},
    });
    expect(renderError(new ConflictError('taken')).status).toBe(409);
    expect(renderError(new DatabaseUnavailableError('down')).status).toBe(503);
  });

  it('gives every code its status from the one table', () => {
    for (const code of Object.keys(httpStatusFor) as (keyof typeof httpStatusFor)[]) {
      expect(renderError(new AppError(code, 'x')).status).toBe(httpStatusFor[code]);
    }
  });

  it('keeps field errors, and sends Retry-After for a rate limit', () => {
    const invalid = renderError(new ValidationError('name: required', [{ path: 'name', message: 'required' }]));
    expect(invalid).toMatchObject({ status: 422, body: { error: { code: 'VALIDATION_FAILED', fields: [{ path: 'name', message: 'required' }] } } });
    expect(renderError(new RateLimitedError('Too many attempts', 42))).toEqual({
      status: 429,
      body: { error: { code: 'RATE_LIMITED', message: 'Too many attempts' } },
      headers: { 'retry-after': '42' },
    });
  });

  it('answers an etcd outage from the etcd boundary as a 503 naming etcd', () => {
    expect(renderError(new EtcdUnavailableError('etcd (http://e:2379) did not complete "read x"'))).toMatchObject({
      status: 503,
      body: { error: { code: 'ETCD_UNAVAILABLE', message: expect.stringContaining('etcd') } },
    });
  });

  it('answers a StatusError with its own status, code and Retry-After', () => {
    expect(renderError(new StatusError(413, 'GATEWAY_REFUSED', 'too large'))).toEqual({ status: 413, body: { error: { code: 'GATEWAY_REFUSED', message: 'too large' } }, headers: {} });
    expect(renderError(new StatusError(429, 'GATEWAY_REFUSED', 'slow down', 7)).headers).toEqual({ 'retry-after': '7' });
  });

  it('answers a ZodError as a 422 naming each field', () => {
    const parsed = z.object({ name: z.string(), port: z.number() }).safeParse({ port: 'x' });
    if (parsed.success) throw new Error('the schema accepted a bad value');
    const rendered = renderError(parsed.error);
    expect(rendered.status).toBe(422);
    expect(rendered.body.error.code).toBe('VALIDATION_FAILED');
    expect(rendered.body.error.fields?.map((field) => field.path)).toEqual(['name', 'port']);
    expect(rendered.body.error.message).toMatch(/^name: .+; port: .+/);
  });

  it('logs anything else and answers a bare 500 that leaks nothing, in the words the caller chose', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const secret = new Error('connect ECONNREFUSED 10.0.0.9:5432 password=hunter2');
    const rendered = renderError(secret, { where: 'a WebSocket upgrade' });
    expect(rendered).toEqual({ status: 500, body: { error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } }, headers: {} });
    expect(JSON.stringify(rendered)).not.toMatch(/hunter2|10\.0\.0\.9/);
    expect(log).toHaveBeenCalledWith('unexpected error in a WebSocket upgrade', secret);
    expect(renderError('a string', { internalMessage: 'The gateway failed' }).body.error.message).toBe('The gateway failed');
  });
});
