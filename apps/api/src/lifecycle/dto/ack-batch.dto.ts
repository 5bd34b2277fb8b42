import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';

export class AcknowledgeManyDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      "The assignments to acknowledge; omitted: every pending assignment of the unit's open tasks",
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of assignment ids' })
  @ArrayMaxSize(5_000)
  @IsUUID('all', { each: true, message: 'must hold assignment ids (UUIDs)' })
  assignmentIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Leave these pending (to decline them one by one)',
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of assignment ids' })
  @ArrayMaxSize(5_000)
  @IsUUID('all', { each: true, message: 'must hold assignment ids (UUIDs)' })
  except?: string[];
}
