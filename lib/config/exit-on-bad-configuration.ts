import { ConfigurationError, loadConfig } from './config';

/** Prints one message per wrong setting and exits with code 2; returns when all is well. */
export function exitOnBadConfiguration(): void {
  const result = loadConfig(process.env);
  if (result.ok) return;
  console.error(new ConfigurationError(result.errors).message);
  process.exit(2);
}
