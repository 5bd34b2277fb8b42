import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2022-state-council-office-graduate-employment-notice');
