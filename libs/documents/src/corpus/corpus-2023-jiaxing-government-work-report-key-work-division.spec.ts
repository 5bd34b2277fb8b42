import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2023-jiaxing-government-work-report-key-work-division');
