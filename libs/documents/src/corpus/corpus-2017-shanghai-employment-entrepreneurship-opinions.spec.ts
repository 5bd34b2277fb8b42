import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2017-shanghai-employment-entrepreneurship-opinions');
