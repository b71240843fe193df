# syntax=docker/dockerfile:1
# hig as a hospital runs it: a non-root process, configuration mounted read-only, state on volumes.
#
#   /app/data          volume: API keys (clients.json), operator store, embedded store files
#   /app/channels      mount (ro): channel files (hot-reloaded by the daemon)
#   /app/mappings      mount (ro): JSON → FHIR mappings
#   /app/transformers  mount (ro): code transformers referenced by channels
#   /drops             mount: file-source drop folders (read-write: files are claimed and moved)
#   /keys              mount (ro): TLS certificates and keys (MLLP, HTTPS), referenced by path
#
# Build stage: all dependencies, TypeScript compiled to dist/.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund

# Runtime stage: production dependencies and the compiled output only.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
# glibc: two malloc arenas instead of 8 per core for the daemon's threads (listener, conversion, store): the
# flood bench peaked at 532 and 596 MiB with it against 612-664 MiB without (docs/benchmarks.md). Read at process start only.
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY channels ./channels
COPY mappings ./mappings
COPY transformers ./transformers
# The image's own files belong to root and stay read-only for the service user; only data/ and
# the drop folders are the service's to write.
RUN mkdir -p /app/data /drops /keys && chown node:node /app/data /drops
USER node
VOLUME ["/app/data"]
EXPOSE 2575 3000
ENV HIG_HTTP_HOST=0.0.0.0 HIG_HTTP_PORT=3000 HIG_EMBEDDED_REDIS=false HIG_DATA_DIR=/app/data HIG_CHANNELS_DIR=/app/channels
# Ready = Redis reachable and every enabled listener bound (GET /readyz answers 200). With
# HIG_HTTP_TLS_CERT_FILE set, point HIG_HEALTHCHECK_URL at https://127.0.0.1:3000/readyz.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const u=process.env.HIG_HEALTHCHECK_URL||'http://127.0.0.1:'+(process.env.HIG_HTTP_PORT||3000)+'/readyz';if(u.startsWith('https'))process.env.NODE_TLS_REJECT_UNAUTHORIZED='0';fetch(u,{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "bin/hig.js", "start"]
