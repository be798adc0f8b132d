import { describe, expect, it } from 'vitest';
import { isImageReference, splitReference } from './reference';
import { pullErrorInWords, registryOf, toPullEvent } from './pull-progress';
import { pullReference } from './pull-image';

describe('toPullEvent', () => {
  it('reshapes a layer download with its byte counts', () => {
    expect(toPullEvent({ id: 'a3ed95caeb02', status: 'Downloading', progressDetail: { current: 10, total: 100 }, progress: '[=>  ]' }, 'x', 'docker.io')).toEqual({
      type: 'layer',
      id: 'a3ed95caeb02',
      status: 'Downloading',
      current: 10,
      total: 100,
    });
    expect(toPullEvent({ id: 'a3ed95caeb02', status: 'Pull complete', progressDetail: {} }, 'x', 'docker.io')).toMatchObject({ current: null, total: null });
  });

  it('keeps messages that are not about a layer as status lines', () => {
    expect(toPullEvent({ id: 'v2', status: 'Pulling from team/app' }, 'x', 'docker.io')).toEqual({ type: 'status', message: 'Pulling from team/app v2' });
    expect(toPullEvent({ status: 'Digest: sha256:abc' }, 'x', 'docker.io')).toEqual({ type: 'status', message: 'Digest: sha256:abc' });
  });

  it('turns an error on the stream into words', () => {
    expect(toPullEvent({ error: 'unauthorized: authentication required', errorDetail: { message: 'unauthorized: authentication required' } }, 'team/app:v1', 'reg:5000')).toEqual({
      type: 'error',
      message: expect.stringContaining('The registry reg:5000 needs credentials'),
    });
    expect(toPullEvent({ error: 'no basic auth credentials' }, 'team/app:v1', 'reg:5000', true)).toEqual({
      type: 'error',
      message: expect.stringContaining('The registry reg:5000 refused the credentials: check the username and password'),
    });
  });
});

describe('pullErrorInWords', () => {
  it.each([
    ['Get "https://nope.example/v2/": dial tcp: lookup nope.example: no such host', 'cannot be reached from the engine'],
    ['manifest for a:b not found: manifest unknown: manifest unknown', 'was not found on r: check the repository name and the tag'],
    ["pull access denied for a, repository does not exist or may require 'docker login'", 'the repository does not exist, or it is private'],
    ['Get "https://r/v2/": http: server gave HTTP response to HTTPS client', 'speaks plain HTTP'],
    ['x509: certificate signed by unknown authority', 'TLS certificate is not trusted'],
    ['something odd', 'Docker could not pull a:b from r: something odd'],
  ])('%s', (raw, words) => {
    expect(pullErrorInWords(raw, 'a:b', 'r')).toContain(words);
  });
});

describe('references', () => {
  it('finds the registry of a reference', () => {
    expect(registryOf('busybox:1')).toBe('docker.io');
    expect(registryOf('team/app')).toBe('docker.io');
    expect(registryOf('127.0.0.1:5000/team/app:v1')).toBe('127.0.0.1:5000');
    expect(registryOf('localhost/app')).toBe('localhost');
  });

  it('adds :latest only when no tag or digest is given', () => {
    expect(pullReference({ image: 'reg:5000/app' })).toBe('reg:5000/app:latest');
    expect(pullReference({ image: 'reg:5000/app', tag: 'v2' })).toBe('reg:5000/app:v2');
    expect(pullReference({ image: 'reg:5000/app:v3', tag: 'v2' })).toBe('reg:5000/app:v3');
  });

  it('accepts names and ids, refuses anything else', () => {
    expect(splitReference('reg:5000/a/b:v1')).toEqual({ name: 'reg:5000/a/b', tag: 'v1', digest: undefined });
    for (const good of ['busybox', 'busybox:local', 'reg:5000/team/app:v1', 'sha256:' + 'a'.repeat(64), 'abcdef012345', `app@sha256:${'b'.repeat(64)}`]) expect(isImageReference(good), good).toBe(true);
    for (const bad of ['', 'Busybox', '../x', 'a//b', 'a:b:c/d', 'a?b', 'a b']) expect(isImageReference(bad), bad).toBe(false);
  });
});
