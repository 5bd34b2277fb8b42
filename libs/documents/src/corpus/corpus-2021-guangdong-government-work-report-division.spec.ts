import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2021-guangdong-government-work-report-division');
