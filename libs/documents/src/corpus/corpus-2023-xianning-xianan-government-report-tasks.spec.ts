import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2023-xianning-xianan-government-report-tasks');
