import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** Flattens class-validator errors into { "field.sub": ["message", ...] }. */
export function fieldTree(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const tree: Record<string, string[]> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      tree[path] = Object.entries(error.constraints).map(([rule, message]) =>
        rule === 'whitelistValidation' ? `不允许的字段 / unknown field: ${error.property}` : message,
      );
    }
    Object.assign(tree, fieldTree(error.children ?? [], path));
  }
  return tree;
}

/**
 * Whitelisted DTOs everywhere: unknown fields are refused, values are converted to the DTO's
 * types, and the 400 answer carries a message per field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new BadRequestException({
        statusCode: 400,
        message: '提交的内容有误，请按提示修改 / The input is invalid, see the field messages',
        errors: fieldTree(errors),
      }),
  });
}
