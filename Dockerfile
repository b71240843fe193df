# syntax=docker/dockerfile:1
# Build stage: install all dependencies and compile TypeScript.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund

# Runtime stage: production dependencies and the compiled output only, as a non-root user.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY channels ./channels
COPY mappings ./mappings
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 2575 3000
ENV HIG_HTTP_HOST=0.0.0.0 HIG_EMBEDDED_REDIS=false
CMD ["node", "bin/hig.js", "start"]
