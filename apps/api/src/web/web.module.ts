import { Module } from '@nestjs/common';
import { WebController } from './web.controller';

/** Routes the web front end (apps/web) uses; the pages themselves are served by serveWeb(). */
@Module({ controllers: [WebController] })
export class WebModule {}
