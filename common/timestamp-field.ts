import { Field, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import { shanghaiTimestamp } from './dates';

/** Stored UTC instants leave the API in Shanghai time with the offset; null stays null. */
const inShanghaiTime: MiddlewareFn = async (_data, next) => {
  const value: unknown = await next();
  return typeof value === 'string' ? shanghaiTimestamp(value) : value;
};

const SHOWN_AS = 'Asia/Shanghai time with its offset, e.g. 2026-12-02T02:08:00+08:00';

/**
 * `@TimestampField()` instead of `@Field()` on every field holding an instant: the
 * one place where timestamps leave the API, so all of them read the same way
 * whatever the stored form (see common/dates.ts).
 */
export function TimestampField(options: { nullable?: boolean; description?: string } = {}): PropertyDecorator & MethodDecorator {
  const description = options.description ? `${options.description}; ${SHOWN_AS}` : SHOWN_AS;
  const field = Field(() => String, { nullable: options.nullable, description });
  const middleware = UseMiddleware(inShanghaiTime);
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    field(target, key as string, descriptor as never);
    middleware(target, key as string, descriptor as never);
  };
}
