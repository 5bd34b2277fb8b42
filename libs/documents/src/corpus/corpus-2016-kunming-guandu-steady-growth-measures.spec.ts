import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2016-kunming-guandu-steady-growth-measures');
