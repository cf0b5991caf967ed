import { STORED_FILE_KINDS, type StoredFileKind } from '@crm/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { FILE_OWNER_TYPE_PATTERN } from '../owners/file-owner-registry';

const OWNER_TYPE_MESSAGE = '附件所属的记录类型不正确 / ownerType must be a record type such as project';
const OWNER_ID_MESSAGE = '附件所属的记录编号不正确 / ownerId must be the id of the record';
const KIND_MESSAGE = `附件类别应为协议、批复、意见、纪要或其他 / kind must be one of: ${STORED_FILE_KINDS.join(', ')}`;

/** The record a file belongs to: an owner type registered by an area, and the record's id. */
export class FileOwnerQuery {
  @ApiProperty({ example: 'project' })
  @IsString({ message: OWNER_TYPE_MESSAGE })
  @Matches(FILE_OWNER_TYPE_PATTERN, { message: OWNER_TYPE_MESSAGE })
  ownerType!: string;

  @ApiProperty({ example: '6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11' })
  @IsString({ message: OWNER_ID_MESSAGE })
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: OWNER_ID_MESSAGE })
  @MaxLength(64, { message: OWNER_ID_MESSAGE })
  ownerId!: string;
}

/** POST /api/files (multipart/form-data): the record, what the file is, and the file itself (field `file`). */
export class UploadFileDto extends FileOwnerQuery {
  @ApiProperty({ enum: STORED_FILE_KINDS, description: '协议 agreement, 批复 approval, 意见 opinion, 纪要 minutes, 其他 other' })
  @IsIn(STORED_FILE_KINDS, { message: KIND_MESSAGE })
  kind!: StoredFileKind;
}
