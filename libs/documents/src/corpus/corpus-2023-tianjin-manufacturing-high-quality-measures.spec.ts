import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2023-tianjin-manufacturing-high-quality-measures');
