import { consoleLogs, port, startConsoleContainer } from './console-container';

/** The console container up and answering /api/health with "ok" (engine, etcd and database reached). */
export default async function globalSetup(): Promise<void> {
  startConsoleContainer();
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      last = `${response.status} ${await response.text()}`;
      if (response.status === 200) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the console image did not report health ok in 60 s (last: ${last})\n${consoleLogs()}`);
}
