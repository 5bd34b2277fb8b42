import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2017-yuncheng-emergency-plan-responsibility');
