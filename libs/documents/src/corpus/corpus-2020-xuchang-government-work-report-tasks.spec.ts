import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2020-xuchang-government-work-report-tasks');
