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

# Next's build files of this very build for nginx, each compressible one with its Brotli and gzip copies
# beside it (deploy/nginx.conf serves them with brotli_static and gzip_static).
FROM build AS web-static
RUN cp -R apps/web/.next/static /web-static && node scripts/precompress-static.mjs /web-static

# compose's nginx (docker-compose.yml builds this target; it mounts deploy/nginx.conf into conf.d/): Debian's
# nginx, because the official nginx image has no Brotli module. Debian's nginx.conf loads the modules
# (modules-enabled/) and includes conf.d/*.conf; its own site (sites-enabled/default) is port 80's
# default_server and would answer instead. Logs go to the container's output, and each worker takes the
# official image's 1024 connections, not Debian's 768 (a call's socket holds two: browser and API).
FROM debian:bookworm-slim AS nginx
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-static libnginx-mod-http-brotli-filter \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default \
 && ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log \
 && sed -i 's/worker_connections 768;/worker_connections 1024;/' /etc/nginx/nginx.conf \
 && grep -q 'worker_connections 1024;' /etc/nginx/nginx.conf
COPY --from=web-static /web-static /usr/share/nginx/telehealth/_next/static
EXPOSE 80
# SIGQUIT: nginx finishes the requests under way before it stops, as the official image does.
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]

# The default (last) stage: the image of the API, the migration job and the web app.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=build /app /app
USER node
EXPOSE 4000 3000
# The API with the Node.js flags for the CPUs the container gets (scripts/api-node-flags.cjs).
CMD ["sh", "scripts/run-api.sh"]
