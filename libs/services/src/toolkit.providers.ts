import { AssessmentsService } from './assessments/assessments.service';
import { UrgingsService } from './urgings/urgings.service';

/** The office's supervision toolkit: urging (催办), assessment (考核评估). */
export const TOOLKIT_SERVICES = [UrgingsService, AssessmentsService];
