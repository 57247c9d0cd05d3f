import type { RequestHandler } from 'express';

/**
 * Caps the size of an answer from /graphql: a body larger than `maxBytes` is
 * replaced by one error, RESPONSE_TOO_LARGE, naming the limit. The cost limit
 * refuses most such operations before they run; this holds whatever an
 * estimate cannot know (a record's size depends on its pool).
 */
export function answerSizeCap(maxBytes: number): RequestHandler {
  const megabytes = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = ((body: unknown) => {
      // UTF-8 takes at most three bytes per UTF-16 unit: shorter strings need no count.
      if (typeof body === 'string' && body.length * 3 > maxBytes && Buffer.byteLength(body) > maxBytes) {
        res.status(200);
        res.setHeader('content-type', 'application/json; charset=utf-8');
        return send(
          JSON.stringify({
            errors: [
              {
                message: `应答超过 ${megabytes} MB 上限，请缩小查询范围，抽取记录请从其下载地址获取 (the answer is larger than the ${megabytes} MB limit; ask for less, e.g. download draw records from recordUrl)`,
                extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes },
              },
            ],
          }),
        );
      }
      return send(body);
    }) as typeof res.send;
    next();
  };
}
