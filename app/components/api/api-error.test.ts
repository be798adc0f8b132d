import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorFrom } from './api-error';

describe('apiErrorFrom', () => {
  it("keeps the API's code, message and status", () => {
    const error = apiErrorFrom(409, { error: { code: 'CONFLICT', message: 'The name is taken' } });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'The name is taken', status: 409, fields: {}, fieldErrors: [] });
    expect(error.saidByApi).toBe(true);
  });

  it("gives a 422's field errors as a list and as the first message per path", () => {
    const fields = [
      { path: 'ports.0.containerPort', message: 'Too small' },
      { path: 'ports.0.containerPort', message: 'Not a number' },
      { path: 'name', message: 'Required' },
    ];
    const error = apiErrorFrom(422, { error: { code: 'VALIDATION_FAILED', message: 'ports.0.containerPort: Too small; name: Required', fields } });
    expect(error.fieldErrors).toEqual(fields);
    expect(error.fields).toEqual({ 'ports.0.containerPort': 'Too small', name: 'Required' });
  });

  it('drops field entries that are not {path, message}', () => {
    const error = apiErrorFrom(422, { error: { code: 'VALIDATION_FAILED', message: 'bad', fields: [{ path: 'a' }, 'b', { path: 'c', message: 'C' }] } });
    expect(error.fieldErrors).toEqual([{ path: 'c', message: 'C' }]);
  });

  it('reads Retry-After on a 429', () => {
    const error = apiErrorFrom(429, { error: { code: 'RATE_LIMITED', message: 'Too many attempts' } }, new Headers({ 'retry-after': '30' }));
    expect(error.retryAfterSeconds).toBe(30);
    expect(apiErrorFrom(429, { error: { code: 'RATE_LIMITED', message: 'x' } }).retryAfterSeconds).toBeNull();
  });

  it('says HTTP <status> for an answer that is not the API error body', () => {
    for (const payload of [null, 'Bad Gateway', { message: 'no envelope' }, { error: { code: 'CONFLICT' } }]) {
      const error = apiErrorFrom(502, payload);
      expect(error).toMatchObject({ code: 'BAD_ANSWER', message: 'HTTP 502', status: 502 });
      expect(error.saidByApi).toBe(false);
    }
  });

  it("keeps the message of a code this page does not know, by the status's meaning", () => {
    expect(apiErrorFrom(422, { error: { code: 'SOMETHING_NEW', message: 'm' } }).code).toBe('VALIDATION_FAILED');
    expect(apiErrorFrom(500, { error: { code: 'SOMETHING_NEW', message: 'm' } })).toMatchObject({ code: 'INTERNAL', message: 'm' });
  });
});

describe('ApiError.from', () => {
  it('returns an ApiError as it is', () => {
    const error = new ApiError('NOT_FOUND', 'gone', { status: 404 });
    expect(ApiError.from(error)).toBe(error);
  });

  it("wraps anything else as the page's own error, with its message", () => {
    expect(ApiError.from(new TypeError('x is undefined'))).toMatchObject({ code: 'PAGE_ERROR', message: 'x is undefined', status: 0 });
    expect(ApiError.from('plain')).toMatchObject({ code: 'PAGE_ERROR', message: 'plain' });
  });
});
