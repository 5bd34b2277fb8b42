import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2014-state-council-office-rural-reform-policy-division');
