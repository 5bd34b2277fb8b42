import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2025-jinhua-wucheng-high-quality-development-measures');
