import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2022-huaian-stabilise-growth-rules');
