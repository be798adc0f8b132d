import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { CorruptRecordError, StoreUnavailableError } from '@/lib/ipam/errors';
import { translateIpamError } from './ipam-errors';

describe('translateIpamError', () => {
  it('answers etcd being down as ETCD_UNAVAILABLE with the library message', () => {
    const translated = translateIpamError(new StoreUnavailableError('etcd (http://10.0.0.1:2379) did not answer: check it'));
    expect(translated).toBeInstanceOf(AppError);
    expect(translated).toMatchObject({ code: 'ETCD_UNAVAILABLE', message: 'etcd (http://10.0.0.1:2379) did not answer: check it' });
  });

  it('recognises an IPAM error thrown by another bundled copy of the library (same code, other class)', () => {
    // What the built console saw with its etcd down: the store made by the page's chunk threw, an API route's chunk caught.
    class OtherCopyError extends Error {
      readonly code = 'IPAM_STORE_UNAVAILABLE';
    }
    expect(translateIpamError(new OtherCopyError('etcd is down'))).toMatchObject({ code: 'ETCD_UNAVAILABLE', message: 'etcd is down' });
    expect(translateIpamError(Object.assign(new Error('taken'), { code: 'IPAM_ADDRESS_TAKEN' }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('answers a corrupt record, and an IPAM code this copy does not know, as an internal error', () => {
    expect(translateIpamError(new CorruptRecordError('the record at pools/x is not JSON'))).toMatchObject({ code: 'INTERNAL', message: 'the record at pools/x is not JSON' });
    expect(translateIpamError(Object.assign(new Error('new in a later version'), { code: 'IPAM_SOMETHING_NEW' }))).toMatchObject({ code: 'INTERNAL' });
  });

  it('leaves every other error as it is', () => {
    const plain = new Error('boom');
    expect(translateIpamError(plain)).toBe(plain);
    const docker = Object.assign(new Error('no such container'), { code: 'ENOENT' });
    expect(translateIpamError(docker)).toBe(docker);
    expect(translateIpamError('text')).toBe('text');
  });
});
