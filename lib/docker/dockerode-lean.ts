// dockerode loads, as soon as it is loaded, two parts Shipyard never uses: docker-modem's ssh
// agent (ssh2, which compiles a WebAssembly module with 16 MB of memory) and its BuildKit
// session (gRPC and protobufjs). Together about 13 MB resident in every process that talks to
// Docker, the sidecar on each host included. Engines are reached over unix:// and tcp:// only
// (lib/config/docker-endpoint.ts) and images are never built through BuildKit, so both are
// replaced, before dockerode is first loaded, by stand-ins that refuse. Where dockerode cannot be
// found from here, nothing changes.
import Module, { createRequire } from 'node:module';
import path from 'node:path';

function sshEnginesRefused(): never {
  throw new Error('ssh:// Docker endpoints are not supported: use unix:// or tcp://');
}

function buildKitSessionRefused(_docker: unknown, _auth: unknown, callback: (error: Error) => void): void {
  callback(new Error('BuildKit builds (version 2) are not supported: build with the classic builder'));
}

const STAND_INS: ReadonlyArray<readonly [string, unknown]> = [
  ['docker-modem/lib/ssh.js', sshEnginesRefused],
  ['dockerode/lib/session.js', buildKitSessionRefused],
];

/** Plants the stand-ins in Node's module cache where dockerode will ask for those parts. */
export function leanDockerode(): boolean {
  // The process's entry (the sidecar's bundle, the console's server) and its working folder:
  // dockerode is found from one of them, as the code that loads it finds it.
  const origins = [process.argv[1], path.join(process.cwd(), 'index.js')].filter((origin): origin is string => Boolean(origin));
  for (const origin of origins) {
    try {
      const fromDockerode = createRequire(createRequire(path.resolve(origin)).resolve('dockerode'));
      for (const [request, standIn] of STAND_INS) {
        const file = fromDockerode.resolve(request);
        if (fromDockerode.cache[file]) continue;
        const planted = new Module(file);
        planted.filename = file;
        planted.loaded = true;
        planted.exports = standIn;
        fromDockerode.cache[file] = planted;
      }
      return true;
    } catch {
      // Not found from this origin: try the next.
    }
  }
  return false;
}

leanDockerode();
