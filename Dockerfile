# One image for both processes: `api` and `worker` differ only in their command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
EXPOSE 3000
CMD ["node", "-r", "./scripts/register.js", "apps/api/src/main.ts"]
