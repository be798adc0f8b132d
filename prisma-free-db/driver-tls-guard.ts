// rethinkdbdash swaps its socket's error listener for one that re-emits on its Connection as soon
// as TCP connects, before the TLS handshake ends and before its pool listens: a server
// certificate that fails verification (SHIPYARD_DATABASE_CA) was an uncaught 'error' that killed
// the console. Unheard, such an error now ends that one attempt (the driver's connect timeout
// rejects it, and the pool retries); the startup report names the cause (explain-refusal.ts).
import Connection from 'rethinkdbdash/lib/connection.js';

let installed = false;

export function guardDriverTlsErrors(): void {
  if (installed) return;
  installed = true;
  const emit = Connection.prototype.emit;
  Connection.prototype.emit = function guardedEmit(this: InstanceType<typeof Connection>, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'error' && this.listenerCount('error') === 0) return false;
    return emit.call(this, event, ...args);
  };
}
