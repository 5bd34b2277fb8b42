import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2020-state-council-office-business-environment-opinions');
