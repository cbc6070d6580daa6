import { describe, expect, it } from '@jest/globals';
import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { HttpExceptionFilter } from './http-exception.filter.js';
import { AppException } from './app.exception.js';

const filter = new HttpExceptionFilter();

describe('HttpExceptionFilter.map', () => {
  it('keeps an AppException code and status', () => {
    expect(filter.map(new AppException('AUTH_INVALID_CREDENTIALS', 'Wrong username or password.', 401))).toMatchObject({
      status: 401,
      code: 'AUTH_INVALID_CREDENTIALS',
    });
  });

  it('maps body-parser errors wrapped by Nest', () => {
    const syntax = Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 });
    expect(filter.map(new BadRequestException('x', { cause: syntax })).code).toBe('MALFORMED_JSON');
    const tooLarge = Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 });
    expect(filter.map(new PayloadTooLargeException('x', { cause: tooLarge }))).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('turns validation messages into details', () => {
    const mapped = filter.map(new BadRequestException(['username must be a string']));
    expect(mapped).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: { problems: ['username must be a string'] } });
  });

  it('distinguishes unknown routes from missing resources', () => {
    expect(filter.map(new NotFoundException('Cannot GET /nope')).code).toBe('ROUTE_NOT_FOUND');
    expect(filter.map(new NotFoundException()).code).toBe('NOT_FOUND');
  });

  it('never leaks internals of unknown errors', () => {
    const mapped = filter.map(new Error('connection to postgres://user:secret@db failed'));
    expect(mapped).toEqual({ status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error.' });
    expect(filter.map(new HttpException('db password wrong', 500)).message).toBe('Internal server error.');
  });

  it('answers an exhausted database pool with 503 and a retry hint, not a 500', () => {
    const mapped = filter.map(new Error('timeout exceeded when trying to connect'));
    expect(mapped).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', headers: { 'Retry-After': '1' } });
  });
});
