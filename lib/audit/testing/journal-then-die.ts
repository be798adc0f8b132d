// For audit-journal.int.test.ts: journals the events named on the command line into the folder
// given, prints their ids, and waits to be killed (SIGKILL) before any database write.
import { AuditJournal } from '../audit-journal';

const [folder, ...paths] = process.argv.slice(2);
if (!folder) throw new Error('usage: journal-then-die <folder> <path>...');
const journal = AuditJournal.open(folder, () => new Promise<void>(() => undefined), { flushDelayMs: 3_600_000 });
const ids = paths.map((path) => journal.append({ actor: 'crash', action: 'gateway.call', target: null, outcome: 'success', address: '127.0.0.1', details: { method: 'GET', path, status: 200 } }).id);
process.stdout.write(`${JSON.stringify(ids)}\n`);
setInterval(() => undefined, 1_000);
