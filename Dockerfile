# Multi-stage: build with dev dependencies, run with production ones only, as a non-root user.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json schema.graphql ./
COPY src ./src
# The browser pages: Vite builds web/ into public/build/ (scripts/build-web.ts).
COPY web ./web
COPY scripts/build-web.ts ./scripts/
RUN npm run build

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schema.graphql ./
COPY seeds ./seeds
COPY public ./public
COPY --from=build /app/public/build ./public/build
USER node
EXPOSE 4000
CMD ["node", "dist/src/main.js"]
