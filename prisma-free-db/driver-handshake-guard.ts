// rethinkdbdash swaps its socket's error listener for one that re-emits on its Connection as soon
// as TCP connects, before its handshake ends and before its pool listens. A server certificate
// that fails verification (SHIPYARD_DATABASE_CA), or a server that dies or restarts mid-handshake
// (ECONNRESET), was an uncaught 'error' that killed the console, and the attempt never settled,
// so the pool stopped reconnecting for good. Unheard, such an error now ends that one attempt as
// the driver's own connect timeout does (the socket's close handler would cancel that timeout and leave the attempt, and
// the pool, waiting forever): the pool counts a failure and retries. The start-up report names
// the cause (explain-refusal.ts).
import Connection from 'rethinkdbdash/lib/connection.js';

let installed = false;

export function guardDriverHandshakeErrors(): void {
  if (installed) return;
  installed = true;
  const emit = Connection.prototype.emit;
  Connection.prototype.emit = function guardedEmit(this: InstanceType<typeof Connection>, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'error' && this.listenerCount('error') === 0) {
      if (this.open === false) this.connection?.removeAllListeners('close');
      return false;
    }
    return emit.call(this, event, ...args);
  };
}
