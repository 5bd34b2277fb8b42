# One image for the api, the worker and the one-shot setup; they differ only in their command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# Dev dependencies are needed to build; ts-node (a dependency) runs the setup command's migrations.
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
