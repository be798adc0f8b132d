import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium';

interface Options {
  testDir: string;
  outputDir?: string;
  /** The port the built console listens on for this run. */
  port: number;
  timeout: number;
  expectTimeout: number;
  /** Where the JSON report goes (the run's closing count reads it). */
  reportFile: string;
  /** A database of its own, so the run starts from the first-admin seed every time. */
  databaseName: string;
  /** What the console under test reads differently from this process's environment. */
  env: Record<string, string>;
}

/**
 * Playwright against the built console (scripts/serve.ts, started and stopped by the run) in
 * Debian's Chromium, one test at a time: the specs share one console, one engine and one etcd.
 */
export function consoleTestConfig(options: Options) {
  const baseURL = `http://127.0.0.1:${options.port}`;
  return defineConfig({
    testDir: options.testDir,
    ...(options.outputDir === undefined ? {} : { outputDir: options.outputDir }),
    fullyParallel: false,
    workers: 1,
    forbidOnly: true,
    retries: 0,
    timeout: options.timeout,
    expect: { timeout: options.expectTimeout },
    reporter: [['list'], ['json', { outputFile: options.reportFile }]],
    use: {
      baseURL,
      trace: 'retain-on-failure',
      launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    },
    webServer: {
      command: 'npx tsx scripts/serve.ts',
      url: `${baseURL}/login`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        ...(process.env as Record<string, string>),
        SHIPYARD_LISTEN: `127.0.0.1:${options.port}`,
        SHIPYARD_DATABASE_NAME: options.databaseName,
        ...options.env,
      },
    },
  });
}
