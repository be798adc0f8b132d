#!/usr/bin/env node
// The managed plugin's entrypoint (its rootfs has no shell, so plugin/bin/supervise cannot run
// there): node supervise.cjs COMMAND [ARGS...] runs the driver and starts it again whenever it
// exits (kill -9, a crash), after 0.2 s, doubling up to 2 s while it keeps dying within 10 s of
// its start. dockerd only restarts a plugin whose first process (this one) exits, and it does so
// after tearing the plugin down (docs/managed-plugin.md); a restart in here keeps the socket's
// folder and answers again within about a second. SIGTERM/SIGINT (docker plugin disable) stop
// the driver, then this process.
'use strict';
const { spawn } = require('node:child_process');

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: supervise.cjs COMMAND [ARGS...]\n');
  process.exit(2);
}

let child;
let stopping = false;
let delayMs = 200;

function start() {
  const startedAt = Date.now();
  child = spawn(command, args, { stdio: 'inherit' });
  child.once('exit', (code, signal) => {
    if (stopping) return process.exit(0);
    if (Date.now() - startedAt >= 10_000) delayMs = 200;
    process.stderr.write(`supervise: ${command} exited (${signal ?? code}); starting it again in ${delayMs / 1000}s\n`);
    setTimeout(start, delayMs);
    delayMs = Math.min(delayMs * 2, 2000);
  });
}

function stop(signal) {
  stopping = true;
  if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
  else process.exit(0);
}

// As the plugin's pid 1, this process gets no default handlers: without these it ignores SIGTERM.
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
start();
