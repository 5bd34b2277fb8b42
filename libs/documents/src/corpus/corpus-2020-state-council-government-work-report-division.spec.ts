import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2020-state-council-government-work-report-division');
