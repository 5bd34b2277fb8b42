import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2025-huoshan-development-zone-key-work-list');
