import { parseLdapSettings, type LdapSettings } from '@/lib/config/ldap-settings';

/** The test directory scripts/ldap runs (its env lines are in the stack's env file). */
export interface TestDirectory {
  settings: LdapSettings;
  ldapsUrl: string;
  wrongCa: string;
  passwords: { ada: string; oscar: string; vera: string; nogroup: string };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`the LDAP tests need the test directory: ${name} is missing. Run scripts/stack up (or scripts/ldap up) and source its env.`);
  return value;
}

export function testDirectory(): TestDirectory {
  const { settings, problems } = parseLdapSettings(process.env);
  if (settings === null) {
    throw new Error(`the LDAP tests need the test directory's SHIPYARD_LDAP_* settings (scripts/ldap env): ${problems.join('; ') || 'SHIPYARD_LDAP_URL is not set'}`);
  }
  return {
    settings,
    ldapsUrl: required('LDAP_TEST_LDAPS_URL'),
    wrongCa: required('LDAP_TEST_WRONG_CA'),
    passwords: {
      ada: required('LDAP_TEST_PASSWORD_ADA'),
      oscar: required('LDAP_TEST_PASSWORD_OSCAR'),
      vera: required('LDAP_TEST_PASSWORD_VERA'),
      nogroup: required('LDAP_TEST_PASSWORD_NOGROUP'),
    },
  };
}
