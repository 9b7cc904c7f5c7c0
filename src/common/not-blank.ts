import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty } from 'class-validator';

const trim = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);

/**
 * Trims the text (each item with `each`) and requires something to be left: the columns behind these fields
 * CHECK btrim(…) <> '', so "   " must be a 400 naming the field, not a constraint violation.
 */
export function NotBlank(options: { each?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (Array.isArray(value) && options.each ? value.map(trim) : trim(value))),
    IsNotEmpty({ each: options.each, message: '$property must not be blank' }),
  );
}
