/**
 * Runs once when the Next server starts (`next start` too, which skips scripts/serve.ts):
 * a wrong setting stops the start with one message per wrong value.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { exitOnBadConfiguration } = await import('./lib/config/exit-on-bad-configuration');
    exitOnBadConfiguration();
  }
}
