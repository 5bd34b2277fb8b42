import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('anhui-provincial-key-work-responsibilities');
