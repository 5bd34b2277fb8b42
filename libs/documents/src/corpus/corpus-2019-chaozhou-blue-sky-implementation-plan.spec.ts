import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2019-chaozhou-blue-sky-implementation-plan');
