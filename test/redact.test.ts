import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from '../src/redact.js';

const TOKEN = '4242:AAH.x+y*z(q)[w]{e}|r^t$u-Secret_Value';

describe('redacting the bot token', () => {
  const redactor = createRedactor([TOKEN]);

  it('when the token appears as is, percent-encoded (either case, or only some characters) or JSON-escaped, then each is replaced and the bot id stays', () => {
    const path = new URL(`http://x/bot${TOKEN}/getMe`).pathname;
    for (const written of [TOKEN, path, encodeURIComponent(TOKEN), encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), JSON.stringify({ t: TOKEN })]) {
      const out = redactor.text(`404: Not Found ${written} (again: ${written})`);
      expect(out).not.toContain('Secret_Value');
      expect(out.split(REDACTED)).toHaveLength(3);
    }
    expect(redactor.text(`/bot${TOKEN}/setMyCommands`)).toBe(`/bot4242:${REDACTED}/setMyCommands`);
  });

  it('when an error carries the token in its message, stack, Telegram description and cause chain, then all are scrubbed in place', () => {
    const cause = new Error(`connect to /bot${TOKEN}/x failed`);
    const error = Object.assign(new Error(`404: Not Found /bot${TOKEN}/getMe`, { cause }), { response: { error_code: 404, description: `Not Found /bot${TOKEN}/getMe` } });
    expect(redactor.error(error)).toBe(error);
    const text = JSON.stringify([error.message, error.stack, error.response.description, cause.message, cause.stack]);
    expect(text).not.toContain('Secret_Value');
    expect(text).toContain(REDACTED);
  });

  it('when there is no token, or it has no secret part after a colon, then nothing or the whole value is replaced', () => {
    expect(createRedactor([undefined, '']).text('nothing to hide')).toBe('nothing to hide');
    expect(createRedactor(['plainsecretvalue']).text('x plainsecretvalue y')).toBe(`x ${REDACTED} y`);
  });
});
