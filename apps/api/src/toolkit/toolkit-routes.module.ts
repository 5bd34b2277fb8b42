import { Module } from '@nestjs/common';
import { ServicesModule } from '@tracker/services';
import { AssessmentsController } from './assessments.controller';
import { UrgingsController } from './urgings.controller';

/** Routes of the office's supervision toolkit: urging (催办) and assessment (考核评估). */
@Module({
  imports: [ServicesModule],
  controllers: [UrgingsController, AssessmentsController],
})
export class ToolkitRoutesModule {}
