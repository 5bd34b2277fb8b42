import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2022-sichuan-modern-circulation-plan');
