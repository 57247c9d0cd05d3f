import { Field, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import { shanghaiTimestamp } from './dates';

type Precision = 'seconds' | 'milliseconds';

/** Stored UTC instants leave the API in Shanghai time with the offset; null stays null. */
function inShanghaiTime(precision: Precision): MiddlewareFn {
  return async (_data, next) => {
    const value: unknown = await next();
    return typeof value === 'string' ? shanghaiTimestamp(value, precision) : value;
  };
}

const SHOWN_AS: Record<Precision, string> = {
  seconds: 'Asia/Shanghai time with its offset, e.g. 2026-12-02T02:08:00+08:00',
  milliseconds: 'Asia/Shanghai time with its offset, to the millisecond, e.g. 2026-12-02T02:08:00.123+08:00',
};

/**
 * `@TimestampField()` instead of `@Field()` on every field holding an instant: the
 * one place where timestamps leave the API, so all of them read the same way
 * whatever the stored form (see common/dates.ts). `precision: 'milliseconds'` where
 * the exact stored instant matters: an audit entry's hash covers it.
 */
export function TimestampField(options: { nullable?: boolean; description?: string; precision?: Precision } = {}): PropertyDecorator & MethodDecorator {
  const shownAs = SHOWN_AS[options.precision ?? 'seconds'];
  const description = options.description ? `${options.description}; ${shownAs}` : shownAs;
  const field = Field(() => String, { nullable: options.nullable, description });
  const middleware = UseMiddleware(inShanghaiTime(options.precision ?? 'seconds'));
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    field(target, key as string, descriptor as never);
    middleware(target, key as string, descriptor as never);
  };
}
