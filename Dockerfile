# capeo: one image for both roles. docker-compose.yml picks the role per service:
#   worker: tsx worker/main.ts      api: tsx api/main.ts
# The entrypoints run from TypeScript source with tsx (a runtime dependency in package.json), and
# the Temporal worker bundles workflows/ from source when it starts, so there is no build step.
# tsx is run directly from node_modules/.bin rather than through `npx tsx`: npx does not pass
# SIGTERM on to tsx, so `docker stop` would leave the worker to be killed instead of draining; tsx
# itself relays the signal to the node process it starts.
# Consistency with docker-compose.yml is checked by test/unit/compose.test.ts.
FROM node:20-slim

WORKDIR /app

# Production dependencies only (tsx included); the lockfile pins every version.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Only the source the two entrypoints reach, plus the sample intel (CAPEO_INTEL_DIR default).
COPY tsconfig.json ./
COPY config ./config
COPY domain ./domain
COPY workflows ./workflows
COPY activities ./activities
COPY worker ./worker
COPY api ./api
COPY store ./store
COPY launch ./launch
COPY samples ./samples

# Artifacts directory (CAPEO_DATA_DIR in docker-compose.yml). Created here so a named volume mounted
# on it starts out owned by the unprivileged user.
RUN mkdir -p /var/lib/capeo && chown node:node /var/lib/capeo

# Source stays root-owned and read-only for the process; it runs as the image's unprivileged user.
USER node
ENV PATH=/app/node_modules/.bin:$PATH

EXPOSE 8080

CMD ["tsx", "worker/main.ts"]
