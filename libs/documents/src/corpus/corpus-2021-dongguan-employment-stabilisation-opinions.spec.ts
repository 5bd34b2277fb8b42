import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2021-dongguan-employment-stabilisation-opinions');
