import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2016-beijing-government-affairs-openness-points');
