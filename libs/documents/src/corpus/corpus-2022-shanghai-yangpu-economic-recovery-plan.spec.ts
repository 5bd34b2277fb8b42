import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2022-shanghai-yangpu-economic-recovery-plan');
