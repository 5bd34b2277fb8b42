import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2023-chongqing-yuzhong-government-report-tasks');
