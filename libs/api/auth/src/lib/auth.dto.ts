import { PASSWORD_MIN_LENGTH, type ChangePasswordInput, type SignInInput } from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsText } from '@crm/api/core';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MinLength } from 'class-validator';
import { IsAcceptablePassword } from './sign-in/password-policy';

export class SignInDto implements SignInInput {
  @ApiProperty()
  @IsString({ message: '请填写用户名 / The username is required' })
  @IsNotEmpty({ message: '请填写用户名 / The username is required' })
  @IsText({ zh: '用户名', en: 'The username' }, { max: 60 })
  username!: string;

  @ApiProperty()
  @IsString({ message: '请填写密码 / The password is required' })
  @IsNotEmpty({ message: '请填写密码 / The password is required' })
  @IsText({ zh: '密码', en: 'The password' }, { max: 200 })
  password!: string;

  /** 记住此设备: honoured for leaders only. */
  @ApiPropertyOptional({ description: '记住此设备 (leaders only)' })
  @IsOptional()
  @IsBoolean({ message: '“记住此设备”应为是或否 / remember must be true or false' })
  remember?: boolean;
}

export class ChangePasswordDto implements ChangePasswordInput {
  @ApiProperty()
  @IsString({ message: '请填写当前密码 / The current password is required' })
  @IsNotEmpty({ message: '请填写当前密码 / The current password is required' })
  @IsText({ zh: '当前密码', en: 'The current password' }, { max: 200 })
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString({ message: '请填写新密码 / The new password is required' })
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `新密码至少${PASSWORD_MIN_LENGTH}位 / The new password needs at least ${PASSWORD_MIN_LENGTH} characters`,
  })
  @IsText({ zh: '新密码', en: 'The new password' }, { max: 200 })
  @IsAcceptablePassword()
  newPassword!: string;
}
