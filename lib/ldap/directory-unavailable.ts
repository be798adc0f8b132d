import { InvalidCredentialsError, ResultCodeError } from 'ldapts';

export type DirectoryProblem = 'unreachable' | 'untrusted' | 'service-bind-refused' | 'error';

const explanations: Record<DirectoryProblem, string> = {
  unreachable: 'the LDAP directory does not answer: check SHIPYARD_LDAP_URL and that the directory server is running',
  untrusted: "the LDAP directory's TLS certificate is not trusted or does not name its host: check SHIPYARD_LDAP_CA (the CA that signed the server's certificate) and the host in SHIPYARD_LDAP_URL",
  'service-bind-refused': 'the LDAP directory refused the service account: check SHIPYARD_LDAP_BIND_DN and SHIPYARD_LDAP_BIND_PASSWORD',
  error: 'the LDAP directory answered with an error: check the SHIPYARD_LDAP_* settings and the directory server',
};

/**
 * The directory cannot be used for sign-in: down, untrusted, or refusing the service account.
 * Its message names the setting to check; never an address, never the password.
 */
export class DirectoryUnavailableError extends Error {
  constructor(
    readonly problem: DirectoryProblem,
    readonly detail: string,
  ) {
    super(explanations[problem]);
    this.name = 'DirectoryUnavailableError';
  }
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|ERR_TLS|EPROTO|ERR_SSL/;

/** What went wrong talking to the directory, from the error ldapts or the socket threw. */
export function directoryProblem(error: unknown, during: 'service-bind' | 'other'): DirectoryUnavailableError {
  if (error instanceof DirectoryUnavailableError) return error;
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (during === 'service-bind' && error instanceof InvalidCredentialsError) return new DirectoryUnavailableError('service-bind-refused', message);
  if (TLS_CODES.test(code) || /certificate|self.signed|altname/i.test(message)) return new DirectoryUnavailableError('untrusted', `${code} ${message}`.trim());
  if (error instanceof ResultCodeError) return new DirectoryUnavailableError('error', message);
  return new DirectoryUnavailableError('unreachable', `${code} ${message}`.trim());
}
