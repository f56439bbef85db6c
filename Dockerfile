# One image for the API, the migration job and the web app (docker-compose.yml picks the command).
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts tsconfig.base.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY libs/contracts/package.json libs/contracts/
COPY libs/room-engine/package.json libs/room-engine/
COPY libs/call-engine/package.json libs/call-engine/
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund
# PDF reports embed only the regular and bold faces (apps/api/src/sessions/report/fonts.ts): the other
# weights of the font packages would add ~45 MB to the image.
RUN find node_modules/@embedpdf/fonts-latin/fonts node_modules/@embedpdf/fonts-sc/fonts -type f ! -name '*-Regular.*' ! -name '*-Bold.*' -delete \
 && find node_modules/@expo-google-fonts/noto-emoji -type f \( -name '*.ttf' -o -name '*.png' \) ! -name 'NotoEmoji_400Regular.ttf' -delete

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=build /app /app
USER node
EXPOSE 4000 3000
# The API with the Node.js flags for the CPUs the container gets (scripts/api-node-flags.cjs).
CMD ["sh", "scripts/run-api.sh"]
