import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2017-heze-dingtao-government-affairs-openness-points');
