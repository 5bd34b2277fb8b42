import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2023-wuhan-caidian-government-work-report-targets');
