import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2019-taizhou-business-environment-action-plan');
