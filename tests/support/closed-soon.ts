/** Whether a Docker stream the code under test opened is destroyed within 5 s (true at once if it already is). */
export function closedSoon(stream: NodeJS.ReadableStream & { destroyed?: boolean }): Promise<boolean> {
  if (stream.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(Boolean(stream.destroyed)), 5_000);
    stream.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
