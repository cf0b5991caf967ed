import { PASSWORD_MIN_LENGTH, ROLES, type Role, type UserInput } from '@crm/domain';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
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
  @MaxLength(60, { message: '姓名不能超过60个字 / The display name must be at most 60 characters' })
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray({ message: '角色应为列表 / Roles must be a list' })
  @ArrayNotEmpty({ message: '至少选择一个角色 / Choose at least one role' })
  @ArrayUnique({ message: '角色不能重复 / Roles must not repeat' })
  @IsIn(ROLES, { each: true, message: `角色应为以下之一 / Each role must be one of: ${ROLES.join(', ')}` })
  roles!: Role[];

  /** Required for staff: the unit whose chains they work on. */
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((o: CreateUserDto) => o.roles?.includes('staff') || (o.unitId !== undefined && o.unitId !== null))
  @IsInt({ message: '专班工作人员须选择所属单位 / Staff need a unit' })
  unitId?: number | null;

  /** Required for leaders: the person of the reference data they are. */
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((o: CreateUserDto) => o.roles?.includes('leader') || (o.personId !== undefined && o.personId !== null))
  @IsInt({ message: '领导须关联到人员名单中的本人 / Leaders need to be linked to their person record' })
  personId?: number | null;

  /** When absent a password is generated and returned once. */
  @ApiPropertyOptional({ minLength: PASSWORD_MIN_LENGTH })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `密码至少${PASSWORD_MIN_LENGTH}位 / The password needs at least ${PASSWORD_MIN_LENGTH} characters`,
  })
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'active 应为是/否 / active must be true or false' })
  active?: boolean;
}

export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['username'] as const)) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: '版本号应为整数 / The version must be a whole number' })
  version?: number;
}
