import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2021-wuhan-consumption-centre-motion-work-plan');
