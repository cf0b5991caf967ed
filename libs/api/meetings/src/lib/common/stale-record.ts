import { ConflictException } from '@nestjs/common';

/**
 * 409 for an edit made on a version someone else has since changed: the answer carries the current
 * record, so the form can offer to reload it.
 */
export function staleRecord<T>(what: string, current: T): ConflictException {
  return new ConflictException({
    statusCode: 409,
    message: `${what}已被他人修改，请刷新后再试 / Someone else changed this record; reload it and try again`,
    current,
  });
}
