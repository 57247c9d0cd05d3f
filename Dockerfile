# One image for every service; docker-compose.yml picks the entry point per service.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 (the embedded default) compiles from source.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY common ./common
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY identity ./identity
COPY workbench ./workbench
COPY scripts ./scripts
COPY bench ./bench
COPY schema ./schema
COPY docs/draw-algorithm.md ./docs/draw-algorithm.md
RUN npx tsc -p tsconfig.build.json && node dist/scripts/build-workbench.js && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/schema ./schema
# Files read at run time from the source tree: portal assets and example operations.
COPY --from=build --chown=node:node /app/gateway/src ./gateway/src
# The draw's specification, which the portal serves beside every record it proves.
COPY --from=build --chown=node:node /app/docs/draw-algorithm.md ./docs/draw-algorithm.md
# The identity provider's keys (DATA_DIR): a volume mounted here starts owned by the service's user.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
CMD ["node", "dist/gateway/src/main.js"]
