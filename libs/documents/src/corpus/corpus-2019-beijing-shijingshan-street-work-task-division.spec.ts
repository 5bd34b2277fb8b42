import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2019-beijing-shijingshan-street-work-task-division');
