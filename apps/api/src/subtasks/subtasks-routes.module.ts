import { Module } from '@nestjs/common';
import { ServicesModule } from '@tracker/services';
import { SubtasksController } from './subtasks.controller';

/** Routes of the lead unit's decomposition (分解下达) of its tasks into sub-tasks. */
@Module({ imports: [ServicesModule], controllers: [SubtasksController] })
export class SubtasksRoutesModule {}
