import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('wenzhou-rural-new-momentum-policy-opinions');
