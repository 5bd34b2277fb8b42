import { describeCorpusDocument } from './corpus-expectations';

describeCorpusDocument('2019-shaoguan-manufacturing-cost-reduction-measures');
