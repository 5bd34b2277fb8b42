import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, SearchService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { SearchQueryDto, SearchResponse } from './dto/search.dto';

@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @Roles('office', 'leader', 'agency')
  @ApiOperation({
    summary:
      'Find tasks, reports and documents by words (an agency member: its own tasks and reports)',
  })
  @ApiOkResponse({ type: SearchResponse })
  search(@CurrentActor() actor: Actor, @Query() query: SearchQueryDto): Promise<SearchResponse> {
    return this.searchService.search(actor, query);
  }
}
