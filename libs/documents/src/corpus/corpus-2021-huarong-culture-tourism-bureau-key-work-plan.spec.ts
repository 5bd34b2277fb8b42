import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2021-huarong-culture-tourism-bureau-key-work-plan');
