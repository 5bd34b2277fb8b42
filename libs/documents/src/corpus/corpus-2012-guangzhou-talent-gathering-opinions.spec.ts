import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2012-guangzhou-talent-gathering-opinions');
