import { Module } from '@nestjs/common';
import { ServicesModule } from '@tracker/services';
import { DocumentsController } from './documents.controller';

@Module({ imports: [ServicesModule], controllers: [DocumentsController] })
export class DocumentsModule {}
