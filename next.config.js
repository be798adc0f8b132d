/** @type {import('next').NextConfig} */
const nextConfig = {
  // The demo, the tests and the container image all run scripts/serve.ts (Next in-process, plus the console's WebSockets).
  poweredByHeader: false,
  // The console image (Dockerfile) ships Next's standalone output: only the files the server traces.
  // Its build skips Next's own type check: `npm test` type-checks the same tree first (npx tsc).
  ...(process.env.SHIPYARD_STANDALONE_BUILD === '1' ? { output: 'standalone', typescript: { ignoreBuildErrors: true } } : {}),
  // These drivers load protocol files and native-ish modules at run time: keep them out of the bundle.
  serverExternalPackages: ['rethinkdbdash', 'etcd3', 'dockerode', '@grpc/grpc-js', '@grpc/proto-loader'],
  outputFileTracingIncludes: {
    '/**': ['./node_modules/rethinkdbdash/lib/**', './node_modules/etcd3/proto/**'],
  },
  experimental: {
    // forbidden() renders app/forbidden.tsx with a real 403 status.
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
