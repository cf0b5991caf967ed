import { PASSWORD_MIN_LENGTH, type ChangePasswordInput, type SignInInput } from '@crm/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

export class SignInDto implements SignInInput {
  @ApiProperty()
  @IsString({ message: '请填写用户名 / The username is required' })
  @IsNotEmpty({ message: '请填写用户名 / The username is required' })
  @MaxLength(60, { message: '用户名不能超过60个字符 / The username must be at most 60 characters' })
  username!: string;

  @ApiProperty()
  @IsString({ message: '请填写密码 / The password is required' })
  @IsNotEmpty({ message: '请填写密码 / The password is required' })
  @MaxLength(200, { message: '密码不能超过200个字符 / The password must be at most 200 characters' })
  password!: string;
}

export class ChangePasswordDto implements ChangePasswordInput {
  @ApiProperty()
  @IsString({ message: '请填写当前密码 / The current password is required' })
  @IsNotEmpty({ message: '请填写当前密码 / The current password is required' })
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString({ message: '请填写新密码 / The new password is required' })
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `新密码至少${PASSWORD_MIN_LENGTH}位 / The new password needs at least ${PASSWORD_MIN_LENGTH} characters`,
  })
  @MaxLength(200, { message: '新密码不能超过200个字符 / The new password must be at most 200 characters' })
  newPassword!: string;
}
