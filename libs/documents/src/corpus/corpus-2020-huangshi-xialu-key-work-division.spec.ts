import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2020-huangshi-xialu-key-work-division');
