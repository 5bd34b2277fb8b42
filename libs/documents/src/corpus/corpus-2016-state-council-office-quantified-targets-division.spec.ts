import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2016-state-council-office-quantified-targets-division');
