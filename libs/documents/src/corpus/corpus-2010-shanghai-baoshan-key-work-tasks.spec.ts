import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2010-shanghai-baoshan-key-work-tasks');
