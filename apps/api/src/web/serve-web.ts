import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where the browser pages live: apps/web, found from the sources or from a build under dist/. */
export function webRoot(): string | null {
  const candidates = [
    resolve(__dirname, '../../../web'),
    resolve(__dirname, '../../../../apps/web'),
    resolve(process.cwd(), 'apps/web'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/** The pages' own paths (apps/web/js/app.js routes); anything else (/api, /admin/queues …) is left alone. */
const PAGE_PATHS =
  /^\/(?:|login|tasks(?:\/[^/.]+)?|notices|search|settings|leader|assessment|bulletins\/[^/.]+|office\/(?:cycles|escalations|documents|import|reports|declines|mail)(?:\/[^/.]+)?|admin\/(?:accounts|units)|account\/(?:password|welcome))\/?$/;

/**
 * Serves the web front end (plain HTML, ES modules and CSS in apps/web) from the API's own
 * server: static files at the root, and index.html for the pages' own paths (/tasks,
 * /office/cycles …) when a browser asks for them, so that a reload or a bookmark works.
 */
export function serveWeb(app: INestApplication): void {
  const root = webRoot();
  if (!root) return;
  const express = app as NestExpressApplication;
  express.useStaticAssets(root, { index: false, maxAge: 0, fallthrough: true, dotfiles: 'ignore' });
  const index = join(root, 'index.html');
  express.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      !PAGE_PATHS.test(req.path) ||
      !req.accepts('html')
    )
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
