/**
 * Runs once when the Next server starts (also in the standalone image, which has no launcher):
 * a wrong setting stops the start with one message per wrong value.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { ConfigurationError, loadConfig } = await import('./lib/config/config');
  const result = loadConfig(process.env);
  if (!result.ok) {
    console.error(new ConfigurationError(result.errors).message);
    process.exit(2);
  }
}
