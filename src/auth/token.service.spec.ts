import jwt from 'jsonwebtoken';
import type { Env } from '../config/env';
import { TokenService, VERIFIED_TOKENS_MAX } from './token.service';

const env = { TOKEN_TTL_MINUTES: 60, JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256-0123456789' } as Env;
const claims = { sub: '11111111-1111-4111-8111-111111111111', ver: 3, role: 'unit_user' as const };

describe('TokenService.verify', () => {
  afterEach(() => jest.restoreAllMocks());

  it('checks a token once and answers a repeat from memory until it expires', () => {
    const tokens = new TokenService(env);
    const { token } = tokens.sign(claims);
    const exp = (jwt.decode(token) as { exp: number }).exp;
    const check = jest.spyOn(jwt, 'verify');
    expect(tokens.verify(token)).toEqual(claims);
    expect(tokens.verify(token)).toEqual(claims);
    expect(check).toHaveBeenCalledTimes(1);
    // The remembered token still expires on time: one second before exp it passes, at exp it is refused.
    expect(tokens.verify(token, (exp - 1) * 1000)).toEqual(claims);
    expect(tokens.verify(token, exp * 1000)).toBeNull();
    expect(tokens.verify(token, (exp - 1) * 1000)).toEqual(claims);
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('remembers nothing it refused: a tampered or foreign token is checked, and refused, every time', () => {
    const tokens = new TokenService(env);
    const { token } = tokens.sign(claims);
    const [head, body] = token.split('.');
    const tampered = `${head}.${body}.${'A'.repeat(43)}`;
    const foreign = new TokenService({ ...env, JWT_SECRET: 'another-secret-another-secret-another-secret-0123' } as Env).sign(claims).token;
    const check = jest.spyOn(jwt, 'verify');
    for (let i = 0; i < 2; i++) {
      expect(tokens.verify(tampered)).toBeNull();
      expect(tokens.verify(foreign)).toBeNull();
    }
    expect(check).toHaveBeenCalledTimes(4);
  });

  it(`forgets the oldest token past ${VERIFIED_TOKENS_MAX} and checks it again`, () => {
    const tokens = new TokenService(env);
    const signed = Array.from({ length: VERIFIED_TOKENS_MAX + 1 }, (_, i) => tokens.sign({ ...claims, ver: i }).token);
    for (const token of signed) tokens.verify(token);
    const check = jest.spyOn(jwt, 'verify');
    expect(tokens.verify(signed[VERIFIED_TOKENS_MAX]!)).toEqual({ ...claims, ver: VERIFIED_TOKENS_MAX });
    expect(check).not.toHaveBeenCalled();
    expect(tokens.verify(signed[0]!)).toEqual({ ...claims, ver: 0 });
    expect(check).toHaveBeenCalledTimes(1);
  });
});
