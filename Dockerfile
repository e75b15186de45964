# newsbot: a Telegram news digest bot. Build: docker build -t newsbot .  Run: see compose.yaml.

# --- build: every dependency (TypeScript, the native SQLite module), then only the production ones
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary suits the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# Then only what runs: no dev dependencies, no SQLite sources or object files (about 25 MB).
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
      node_modules/better-sqlite3/build/Release/obj node_modules/better-sqlite3/build/Release/obj.target \
      node_modules/better-sqlite3/build/Release/test_extension.node

# --- run: Node 20 slim, production dependencies, the compiled code, a non-root user, /data
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/newsbot.sqlite \
    SOURCES_FILE=/app/sources.json \
    PORT=8080
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json sources.json ./
COPY migrations ./migrations
RUN mkdir -p /data && chown node:node /data
# The image's own unprivileged user (uid 1000); the database lives in the /data volume.
USER node
VOLUME ["/data"]
EXPOSE 8080
# /healthz: 503 when the database cannot be written or digests are late (see README).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and gets SIGTERM from `docker stop`; newsbot stops cleanly on it.
STOPSIGNAL SIGTERM
CMD ["node", "dist/cli.js", "start"]
