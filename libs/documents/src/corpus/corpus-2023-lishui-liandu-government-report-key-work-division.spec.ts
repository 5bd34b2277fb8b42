import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2023-lishui-liandu-government-report-key-work-division');
