import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2023-cangnan-high-quality-development-policies');
