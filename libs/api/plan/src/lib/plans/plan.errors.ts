import { toFieldErrors, type AnnualPlanView, type RuleProblem } from '@crm/domain';
import { BadRequestException, ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';

/** 400 (input that cannot be right) or 422 (a rule refuses it), naming each field; nothing was written. */
export function invalid(problems: RuleProblem[], status: 400 | 422 = 400) {
  const body = {
    statusCode: status,
    message: `${problems.map((p) => p.zh).join('；')} / ${problems.map((p) => p.en).join('; ')}`,
    errors: toFieldErrors(problems),
  };
  return status === 400 ? new BadRequestException(body) : new UnprocessableEntityException(body);
}

/** 422 naming each field a rule refuses. */
export function refused(problems: RuleProblem[]): UnprocessableEntityException {
  return invalid(problems, 422) as UnprocessableEntityException;
}

export function planNotFound(year: number): NotFoundException {
  return new NotFoundException({
    statusCode: 404,
    message: `${year}年度工作方案尚未录入 / There is no plan for ${year}`,
  });
}

export function keyTaskNotFound(year: number, id: number): NotFoundException {
  return new NotFoundException(`${year}年度方案中没有该重点任务 / No key task ${id} in the ${year} plan`);
}

export function stalePlan(current: AnnualPlanView): ConflictException {
  return new ConflictException({
    statusCode: 409,
    message: '工作方案已被他人修改，请查看最新内容后再保存 / Someone else changed the plan first; review it and save again',
    current,
  });
}

