import { describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config/config';
import { testDirectory } from '@/lib/ldap/testing/test-directory';
import { checkDirectory, directoryReportLine } from './directory-health';
import { startupReport } from './startup-report';

const { settings } = testDirectory();

describe('the directory in the health report and the start-up log', () => {
  it('is up when the service account binds', async () => {
    const health = await checkDirectory(settings);
    expect(health).toMatchObject({ up: true, latencyMs: expect.any(Number) });
    expect(directoryReportLine(settings, health)).toMatch(/^shipyard: ldap up at ldap:\/\/127\.0\.0\.1:\d+ \(StartTLS, [\d.]+ ms\)$/);
  });

  it('is down with the setting to check, never the password, when the service bind is refused or nothing answers', async () => {
    const refused = await checkDirectory({ ...settings, bindPassword: 'a-wrong-service-password' });
    expect(refused).toMatchObject({ up: false, message: expect.stringContaining('check SHIPYARD_LDAP_BIND_DN and SHIPYARD_LDAP_BIND_PASSWORD') });
    expect(refused.message).toContain('local accounts still sign in');
    expect(JSON.stringify(refused)).not.toContain('a-wrong-service-password');
    const down = await checkDirectory({ ...settings, url: 'ldap://127.0.0.1:1' });
    expect(down).toMatchObject({ up: false, message: expect.stringContaining('check SHIPYARD_LDAP_URL') });
    expect(JSON.stringify(down)).not.toContain('127.0.0.1');
  });

  it("adds the directory's line to the start-up report", async () => {
    const result = loadConfig({ ...process.env, SHIPYARD_LDAP_BIND_PASSWORD: 'a-wrong-service-password' });
    if (!result.ok) throw new Error(result.errors.join('; '));
    const lines = await startupReport(result.config);
    expect(lines.at(-1)).toMatch(/^shipyard: ldap DOWN at ldap:\/\/127\.0\.0\.1:\d+: the LDAP directory refused the service account: check SHIPYARD_LDAP_BIND_DN/);
    expect(lines.join('\n')).not.toContain('a-wrong-service-password');
  });
});
