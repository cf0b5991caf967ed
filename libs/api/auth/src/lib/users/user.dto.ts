import { PASSWORD_MIN_LENGTH, ROLES, type Role, type UserInput } from '@crm/domain';
import { IsId, IsText, IsVersion } from '@crm/api/core';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsAcceptablePassword } from '../sign-in/password-policy';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MinLength,
  ValidateIf,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto implements UserInput {
  @ApiProperty({ example: 'zhangsan' })
  @Transform(trim)
  @Matches(/^[A-Za-z0-9_.-]{3,60}$/, {
    message: '用户名为3-60位字母、数字或 _ . - / The username is 3-60 letters, digits, _ . or -',
  })
  username!: string;

  @ApiProperty({ example: '张三' })
  @Transform(trim)
  @IsString({ message: '请填写姓名 / The display name is required' })
  @IsNotEmpty({ message: '请填写姓名 / The display name is required' })
  @IsText({ zh: '姓名', en: 'The display name' }, { max: 60 })
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray({ message: '角色应为列表 / Roles must be a list' })
  @ArrayNotEmpty({ message: '至少选择一个角色 / Choose at least one role' })
  @ArrayUnique({ message: '角色不能重复 / Roles must not repeat' })
  @IsIn(ROLES, { each: true, message: `角色应为以下之一 / Each role must be one of: ${ROLES.join(', ')}` })
  roles!: Role[];

  /** Required for staff: the unit whose chains they work on. */
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((o: CreateUserDto) => (Array.isArray(o.roles) && o.roles.includes('staff')) || (o.unitId !== undefined && o.unitId !== null))
  @IsId({ zh: '所属单位（专班工作人员须选择）', en: 'The unit (staff need one)' })
  unitId?: number | null;

  /** Required for leaders: the person of the reference data they are. */
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((o: CreateUserDto) => (Array.isArray(o.roles) && o.roles.includes('leader')) || (o.personId !== undefined && o.personId !== null))
  @IsId({ zh: '关联人员（领导须关联到人员名单中的本人）', en: 'The person record (leaders need one)' })
  personId?: number | null;

  /** When absent a password is generated and returned once. */
  @ApiPropertyOptional({ minLength: PASSWORD_MIN_LENGTH })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `密码至少${PASSWORD_MIN_LENGTH}位 / The password needs at least ${PASSWORD_MIN_LENGTH} characters`,
  })
  @IsText({ zh: '密码', en: 'The password' }, { max: 200 })
  @IsAcceptablePassword('username')
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'active 应为是/否 / active must be true or false' })
  active?: boolean;
}

export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['username'] as const)) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsVersion({ zh: '用户', en: 'the user' }, 1)
  version?: number;
}
