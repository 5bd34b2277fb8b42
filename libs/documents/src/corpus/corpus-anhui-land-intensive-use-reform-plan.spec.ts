import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('anhui-land-intensive-use-reform-plan');
