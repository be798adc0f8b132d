/**
 * How an engine is named in a message someone may read without being an admin: never a unix
 * socket path (it says where the host keeps its root-equivalent socket), but a tcp address,
 * which names the host that is down among several.
 */
export function engineAt(url: string): string {
  return url.startsWith('unix://') || url.startsWith('/') || url.startsWith('npipe://') ? '' : ` at ${url}`;
}

// unix:// URLs, Windows pipes, and absolute paths ending in .sock (as in "connect ENOENT /var/run/docker.sock").
const SOCKET_PATHS = /\b(?:unix|npipe):\/\/[^\s'",;()]*|(?<![\w.:/])\/[^\s'",;()]*\.sock\b/g;

/** `message` with every socket path in it said as "the Docker engine" (a dockerode or Node error's text). */
export function hideSocketPaths(message: string): string {
  return message.replace(SOCKET_PATHS, 'the Docker engine');
}
