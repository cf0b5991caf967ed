import { ConflictException } from '@nestjs/common';

/**
 * 409 for an edit made on a version someone else has since changed. The answer carries the record
 * as it is now, so the form can show it and offer to reload; nothing was written.
 *
 * @param what the record in Chinese, e.g. 该会议
 * @param current the record as it is now, in the shape the route answers
 */
export function staleRecord<T>(what: string, current: T): ConflictException {
  return new ConflictException({
    statusCode: 409,
    message: `${what}已被他人修改，请刷新后再试 / Someone else changed this record; reload it and try again`,
    current,
  });
}
