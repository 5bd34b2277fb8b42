import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2023-anshan-lishan-key-work-division');
