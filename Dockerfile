# Shipyard images, multi-stage. The default target (the last stage) is the console:
#   docker build -t shipyard .                              the console (non-root, health-checked)
#   docker build --target ipam-sidecar -t shipyard-ipam .   the IPAM sidecar
#   docker build --target reqlite -t shipyard-reqlite .     the tests' RethinkDB-protocol server
# With internet the bases are the official Node image. Without (no image can be pulled), `npm run
# image` makes both bases locally (Debian minbase + Node from npm) and passes them in as BASE and
# RUNTIME, building with --network host.
ARG BASE=node:20-bookworm-slim
ARG RUNTIME=node:20-bookworm-slim

FROM ${BASE} AS deps
# Marks the build stages, so scripts/image can drop a rebuild's superseded ones (never the images).
LABEL io.shipyard.build-stage=1
WORKDIR /app
COPY package.json package-lock.json ./
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
# Next's standalone output (only the traced files), the console's launcher and the sidecar bundled
# by esbuild, then one folder per image with exactly what it runs.
RUN SHIPYARD_STANDALONE_BUILD=1 npx next build \
 && bash scripts/bundle-launcher && bash plugin/bin/build-bundle \
 && mkdir -p /out/console/dist /out/console/.next/cache /out/sidecar/dist /out/reqlite \
 && cp -a .next/standalone/. /out/console/ && rm -f /out/console/server.js \
 && cp -a .next/static /out/console/.next/static && cp -a public /out/console/public \
 && cp dist/shipyard-console.cjs scripts/image-healthcheck.cjs /out/console/dist/ \
 && node scripts/image-modules.cjs /out/console rethinkdbdash etcd3 dockerode server-only \
 && cp dist/shipyard-ipam.cjs /out/sidecar/dist/ \
 && node scripts/image-modules.cjs /out/sidecar etcd3 cockatiel dockerode \
 && node scripts/image-modules.cjs /out/reqlite reqlite \
 && test -f /out/console/.next/BUILD_ID

# The IPAM sidecar: the bundled CLI with its three external modules. It runs as root on each host
# because Docker looks for the driver's socket in /run/docker/plugins:
#   docker run -d --restart always -v /run/docker/plugins:/run/docker/plugins \
#     -e IPAM_CLUSTER_STORE=http://etcd1:2379 shipyard-ipam
FROM ${RUNTIME} AS ipam-sidecar
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /out/sidecar/ ./
ENTRYPOINT ["node", "--max-semi-space-size=1", "--max-old-space-size=48", "dist/shipyard-ipam.cjs"]
CMD ["server"]

# An in-memory RethinkDB-protocol server (npm reqlite) for tests; production runs rethinkdb:2.4.
FROM ${RUNTIME} AS reqlite
WORKDIR /app
COPY --from=build /out/reqlite/ ./
USER 1000:1000
EXPOSE 28015
ENTRYPOINT ["node", "node_modules/reqlite/lib/node.js"]
CMD ["--port-offset", "0"]

# The console: Next in-process with the console's WebSockets (the container console) and the
# optional Docker API gateway (set SHIPYARD_GATEWAY_LISTEN, e.g. :2375, and publish it). serve.ts
# checks the SHIPYARD_* settings at start and exits with one message per wrong value; secrets may
# come as files (AUTH_SECRET_FILE=/run/secrets/..., see README "Deploy to a cluster").
FROM ${RUNTIME} AS console
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 SHIPYARD_LISTEN=:8080
WORKDIR /app
# Code owned by root, read-only to the console; only Next's cache is its own.
COPY --from=build /out/console/ ./
COPY --from=build --chown=1000:1000 /out/console/.next/cache ./.next/cache
USER 1000:1000
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 CMD ["node", "dist/image-healthcheck.cjs"]
CMD ["node", "dist/shipyard-console.cjs"]
