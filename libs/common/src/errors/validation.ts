import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function collect(errors: ValidationError[], prefix: string, out: Record<string, string[]>): void {
  for (const e of errors) {
    const name = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out[name] = Object.values(e.constraints);
    if (e.children?.length) collect(e.children, name, out);
  }
}

/** Unknown fields refused; every bad field named in a 400 VALIDATION_FAILED body. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields: Record<string, string[]> = {};
      collect(errors, '', fields);
      return new BadRequestException({
        error: 'VALIDATION_FAILED',
        message: `Invalid fields: ${Object.keys(fields).join(', ')}`,
        fields,
      });
    },
  });
}
