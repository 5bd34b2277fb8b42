import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CursorQuery, LimitQuery } from '@tracker/common';
import { NOTICE_KINDS, NoticeKind } from '@tracker/domain';
import {
  InboxItem,
  InboxPage,
  NOTICE_PREFERENCES,
  NoticePreference,
  NoticePreferenceView,
} from '@tracker/services';

export class ListInboxQuery {
  @ApiPropertyOptional({ enum: NOTICE_KINDS })
  @IsOptional()
  @IsIn(NOTICE_KINDS, { message: 'must be a notice kind' })
  kind?: NoticeKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  taskId?: string;

  @ApiPropertyOptional({ description: 'only unread notices' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  unread?: boolean;

  @LimitQuery()
  limit?: number;

  @CursorQuery()
  cursor?: string;
}

export class NoticeKindParam {
  @ApiProperty({ enum: NOTICE_KINDS })
  @IsIn(NOTICE_KINDS, { message: 'must be a notice kind' })
  kind: NoticeKind;
}

export class SetNoticePreferenceDto {
  @ApiProperty({
    enum: NOTICE_PREFERENCES,
    description:
      'email: at once, in the daily or weekly digest, or not at all (the inbox always has it)',
  })
  @IsIn(NOTICE_PREFERENCES, { message: `must be one of ${NOTICE_PREFERENCES.join(', ')}` })
  preference: NoticePreference;
}

export class InboxItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTICE_KINDS }) kind: NoticeKind;
  @ApiProperty() level: number;
  @ApiProperty() colour: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true, type: String }) titleEn: string | null;
  @ApiProperty({ nullable: true, type: String }) bodyEn: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) taskId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) reportId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'the page to open for a notice that is not about a task, e.g. /admin/accounts?focus=gx-kjt',
  })
  linkPath: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
}

export class InboxPageResponse {
  @ApiProperty({ type: [InboxItemResponse] }) items: InboxItemResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;
  @ApiProperty({ description: 'my notices of the kind and task filter, read or not' })
  total: number;
  @ApiProperty() unread: number;
}

export class NoticePreferenceResponse {
  @ApiProperty({ enum: NOTICE_KINDS }) kind: NoticeKind;
  @ApiProperty({ enum: NOTICE_PREFERENCES }) preference: NoticePreference;
  @ApiProperty({ description: 'supervision notices and escalations cannot be switched off' })
  locked: boolean;
}

export class MarkReadResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) readAt: string;
}

export class MarkAllReadResponse {
  @ApiProperty({ description: 'notices that were unread and are now read' }) marked: number;
}

export const toInboxItemResponse = (i: InboxItem): InboxItemResponse => ({
  id: i.id,
  kind: i.kind,
  level: i.level,
  colour: i.colour,
  title: i.title,
  body: i.body,
  titleEn: i.titleEn,
  bodyEn: i.bodyEn,
  taskId: i.taskId,
  reportId: i.reportId,
  linkPath: i.linkPath,
  createdAt: i.createdAt.toISOString(),
  readAt: i.readAt?.toISOString() ?? null,
});

export const toInboxPageResponse = (p: InboxPage): InboxPageResponse => ({
  items: p.items.map(toInboxItemResponse),
  nextCursor: p.nextCursor,
  total: p.total,
  unread: p.unread,
});

export const toNoticePreferenceResponse = (p: NoticePreferenceView): NoticePreferenceResponse => ({
  kind: p.kind,
  preference: p.preference,
  locked: p.locked,
});
