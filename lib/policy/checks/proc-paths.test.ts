import { describe, expect, it } from 'vitest';
import { decide } from '../testing/decide';
import { DEFAULT_MASKED_PATHS, DEFAULT_READONLY_PATHS } from './proc-paths';

const create = (hostConfig: Record<string, unknown>) => decide('POST', '/containers/create', { Image: 'busybox', HostConfig: hostConfig });

describe('MaskedPaths and ReadonlyPaths for a non-admin', () => {
  it('drops the engine\'s default lists (what inspect reports, sent back by a copy), so the engine applies its own', async () => {
    const decision = await create({ MaskedPaths: [...DEFAULT_MASKED_PATHS], ReadonlyPaths: [...DEFAULT_READONLY_PATHS, '/proc/extra'] });
    expect(decision).toMatchObject({ allow: true });
    const body = decision.allow ? (decision.request.body as { HostConfig: Record<string, unknown> }) : null;
    expect(body?.HostConfig).not.toHaveProperty('MaskedPaths');
    expect(body?.HostConfig).not.toHaveProperty('ReadonlyPaths');
  });

  it('refuses a list that gives up any default path, naming the field', async () => {
    await expect(create({ MaskedPaths: DEFAULT_MASKED_PATHS.filter((path) => path !== '/proc/kcore') })).resolves.toMatchObject({ allow: false, status: 403, field: 'HostConfig.MaskedPaths' });
    await expect(create({ ReadonlyPaths: DEFAULT_READONLY_PATHS.filter((path) => path !== '/proc/sys') })).resolves.toMatchObject({ allow: false, status: 403, field: 'HostConfig.ReadonlyPaths' });
    await expect(create({ MaskedPaths: [] })).resolves.toMatchObject({ allow: false, field: 'HostConfig.MaskedPaths' });
  });
});
