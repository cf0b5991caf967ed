import { toFieldErrors, type RuleProblem, type Stage } from '@crm/domain';
import {
  BadRequestException,
  ConflictException,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';

/** 400 with a field tree, like the validation pipe's: input that cannot be right. */
export function invalidInput(problems: RuleProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    message: '提交的内容有误，请按提示修改 / The input is invalid, see the field messages',
    errors: toFieldErrors(problems),
  });
}

/** 422 RuleRefusalBody: a rule of the pipeline refuses the request, naming what is missing. */
export function refused(message: string, missing: (RuleProblem & { stage?: Stage })[]): UnprocessableEntityException {
  return new UnprocessableEntityException({ statusCode: 422, message, missing, errors: toFieldErrors(missing) });
}

/** 409 StaleVersionBody: someone saved first; nothing was written. */
export function staleVersion<T>(current: T, what = { zh: '项目', en: 'project' }): ConflictException {
  return new ConflictException({
    statusCode: 409,
    message: `${what.zh}已被他人修改，请查看最新内容后再保存 / Someone else saved this ${what.en} first; review the current version and save again`,
    current,
  });
}

export function projectNotFound(id: string): NotFoundException {
  return new NotFoundException(`没有找到该项目 / No project ${id}`);
}
