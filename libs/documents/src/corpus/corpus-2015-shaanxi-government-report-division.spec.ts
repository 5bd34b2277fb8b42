import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2015-shaanxi-government-report-division');
