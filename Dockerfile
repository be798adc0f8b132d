# syntax=docker/dockerfile:1
# Shipyard console image: multi-stage, standalone Next output, non-root, health-checked.
# Second target: the IPAM sidecar (docker build --target ipam-sidecar).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1 SHIPYARD_STANDALONE=1
COPY . .
RUN npx next build && bash plugin/bin/build-bundle

FROM node:20-bookworm-slim AS console
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 SHIPYARD_LISTEN=:8080
WORKDIR /app
RUN groupadd --system shipyard && useradd --system --gid shipyard --home /app shipyard
COPY --from=build --chown=shipyard:shipyard /app/.next/standalone ./
COPY --from=build --chown=shipyard:shipyard /app/.next/static ./.next/static
COPY --from=build --chown=shipyard:shipyard /app/public ./public
USER shipyard
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:8080/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# The standalone server reads PORT and HOSTNAME; instrumentation.ts checks the SHIPYARD_* settings
# at start and exits with one message per wrong value.
ENV PORT=8080 HOSTNAME=0.0.0.0
CMD ["node", "server.js"]

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
