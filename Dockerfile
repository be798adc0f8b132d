# syntax=docker/dockerfile:1
# Shipyard console image: multi-stage, non-root, health-checked. It runs scripts/serve.ts, the same
# launcher as the demo and the tests: Next's production build plus the console's WebSockets (the
# container console) and the optional Docker API gateway, which Next's standalone server lacks.
# Second target: the IPAM sidecar (docker build --target ipam-sidecar).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npx next build && bash plugin/bin/build-bundle

FROM build AS runtime-files
RUN npm prune --omit=dev --no-audit --no-fund && rm -rf .next/cache e2e tests bench docs

FROM node:20-bookworm-slim AS console
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 SHIPYARD_LISTEN=:8080
WORKDIR /app
RUN groupadd --system shipyard && useradd --system --gid shipyard --home /app shipyard
COPY --from=runtime-files --chown=shipyard:shipyard /app ./
USER shipyard
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:8080/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# serve.ts checks the SHIPYARD_* settings at start and exits with one message per wrong value.
# Set SHIPYARD_GATEWAY_LISTEN (e.g. :2375, and publish it) to switch the Docker API gateway on.
CMD ["node", "node_modules/tsx/dist/cli.mjs", "scripts/serve.ts"]

# The IPAM sidecar: the bundled CLI with its three external modules. It runs as root on each host
# because Docker looks for the driver's socket in /run/docker/plugins:
#   docker run -d --restart always -v /run/docker/plugins:/run/docker/plugins \
#     -e IPAM_CLUSTER_STORE=http://etcd1:2379 shipyard-ipam
FROM node:20-bookworm-slim AS ipam-sidecar
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/dist/shipyard-ipam.cjs ./dist/shipyard-ipam.cjs
COPY --from=deps /app/node_modules ./node_modules
ENTRYPOINT ["node", "--max-semi-space-size=1", "--max-old-space-size=48", "dist/shipyard-ipam.cjs"]
CMD ["server"]
