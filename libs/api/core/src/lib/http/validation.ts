import {
  BadRequestException,
  HttpException,
  Logger,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import { TEXT_PROBLEM_MESSAGES, textProblem } from './validators';

export const INVALID_INPUT_MESSAGE = '提交的内容有误，请按提示修改 / The input is invalid, see the field messages';

/** Flattens class-validator errors into { "field.sub": ["message", ...] }. */
export function fieldTree(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const tree: Record<string, string[]> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      tree[path] = Object.entries(error.constraints).map(([rule, message]) =>
        rule === 'whitelistValidation'
          ? `不允许的字段 / unknown field: ${error.property}`
          : rule === 'nestedValidation'
            ? '此项应为对象（或对象列表），格式不正确 / This field must be an object (or a list of objects)'
            : message,
      );
    }
    Object.assign(tree, fieldTree(error.children ?? [], path));
  }
  return tree;
}

/** The 400 answer with a message per field. */
export function invalidInput(errors: Record<string, string[]>): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: INVALID_INPUT_MESSAGE, errors });
}

/**
 * Every string anywhere in a request (body, query, route parameter) with a NUL, another control
 * character or a lone surrogate, by field path: the database never sees one, even in a field a
 * DTO forgot to check.
 */
export function textProblems(value: unknown, path = '', found: Record<string, string[]> = {}, depth = 0): Record<string, string[]> {
  if (depth > 32) return found;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) {
      const m = TEXT_PROBLEM_MESSAGES[problem];
      found[path || 'value'] = [`此项${m.zh} / This field ${m.en}`];
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => textProblems(v, path ? `${path}.${i}` : String(i), found, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) textProblems(v, path ? `${path}.${key}` : key, found, depth + 1);
  }
  return found;
}

const PRIMITIVES: unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

/**
 * Whitelisted DTOs everywhere: unknown fields are refused, values are converted to the DTO's
 * types, text with forbidden characters is refused, a list sent where an object belongs is
 * refused, and the 400 answer carries a message per field. Never a 500 for a JSON value.
 */
class FieldValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return value;
    const isDto = typeof metadata.metatype === 'function' && !PRIMITIVES.includes(metadata.metatype);
    // No body at all (a POST without content): the DTO's own rules say what is missing.
    if (isDto && metadata.type === 'body' && !metadata.data && value === undefined) value = {};
    const characters = textProblems(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (isDto && metadata.type === 'body' && !metadata.data && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw invalidInput({ body: ['提交的内容应为一个对象（JSON object），不能是列表或单个值 / The request body must be a JSON object'] });
    }
    let result: unknown;
    try {
      result = await super.transform(value, metadata);
    } catch (error) {
      const response = error instanceof BadRequestException ? error.getResponse() : null;
      const errors =
        response && typeof response === 'object' && 'errors' in response
          ? (response as { errors: Record<string, string[]> }).errors
          : null;
      if (errors) throw invalidInput({ ...characters, ...errors });
      if (error instanceof HttpException) throw error;
      // A rule that could not even look at the value (a list where it expected text, …): the
      // value is refused, never a 500; logged so the rule gets fixed.
      new Logger('ValidationPipe').warn(`a validation rule failed on ${metadata.type} ${metadata.metatype?.name ?? ''}: ${String(error)}`);
      throw invalidInput({ ...characters, [metadata.data ?? metadata.type]: ['提交的内容格式不正确，请检查后再试 / The input is malformed'] });
    }
    if (Object.keys(characters).length > 0) throw invalidInput(characters);
    return result;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new FieldValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalidInput(fieldTree(errors)),
  });
}
