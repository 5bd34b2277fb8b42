import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2021-wuhu-key-work-responsibilities');
