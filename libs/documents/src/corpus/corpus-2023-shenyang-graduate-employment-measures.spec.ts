import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2023-shenyang-graduate-employment-measures');
