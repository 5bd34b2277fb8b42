import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2023-wuhan-government-work-report-targets-division');
