import { Module } from '@nestjs/common';
import { ServicesModule } from '@tracker/services';
import { DocumentsController } from './documents.controller';
import { UnitAccountsController } from './unit-accounts.controller';

@Module({ imports: [ServicesModule], controllers: [DocumentsController, UnitAccountsController] })
export class DocumentsModule {}
