# The PROGRESS server as it runs in production: compiled JavaScript on a slim Node, no compiler, not root.
#   docker build -t progress .
#   docker run -e DATABASE_URL=… -e JWT_SECRET=… -p 4000:4000 progress
# See docs/operations.md.

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY server ./server
COPY schema ./schema
COPY plugins ./plugins
COPY seeds ./seeds
RUN npm run build && npm prune --omit=dev

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production \
    PORT=4000 \
    DATA_DIR=/data
WORKDIR /app
# Debian's Chromium prints /report.pdf (CHROMIUM_PATH); the fonts give its text the metrics of Arial.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-liberation \
  && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The embedded database's folder, for a single instance run without DATABASE_URL.
RUN mkdir /data && chown node:node /data
USER node
EXPOSE 4000
# Alive, not ready: a load balancer asks /readyz, which turns 503 while the server drains.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and handles SIGTERM (what `docker stop` sends): requests in flight finish, then it exits.
CMD ["node", "dist/server/main.js"]
