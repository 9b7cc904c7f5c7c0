import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { Env } from '../config/env';
import type { Role } from '../access/roles';

const ISSUER = 'duban';
const AUDIENCE = 'duban-api';
// Only this algorithm is accepted: a token claiming `none` or an asymmetric one is refused, not trusted.
const ALGORITHM = 'HS256' as const;
/** Most verified tokens one process remembers; past it the oldest is forgotten. */
export const VERIFIED_TOKENS_MAX = 10_000;

export interface TokenClaims {
  sub: string;
  ver: number;
  role: Role;
}

@Injectable()
export class TokenService {
  private readonly secret: string;
  /**
   * The secret as a key object, made once: given a string, jsonwebtoken's verify first tries it as a PEM public key
   * (which throws) and then wraps it, on every request.
   */
  private readonly key: KeyObject;
  private readonly ttlSeconds: number;
  /**
   * Tokens whose signature and claims were checked, with their expiry (s): the same string verifies the same way
   * until then, so a repeat costs a map lookup instead of an HMAC and two JSON parses. Only valid tokens are kept,
   * and only this process's key can make one.
   */
  private readonly verified = new Map<string, { claims: TokenClaims; exp: number }>();

  constructor(env: Env) {
    this.ttlSeconds = env.TOKEN_TTL_MINUTES * 60;
    if (env.JWT_SECRET) this.secret = env.JWT_SECRET;
    else {
      this.secret = randomBytes(48).toString('base64url');
      new Logger('auth').warn(
        'JWT_SECRET is not set: using a random secret for this process (demo profile only; tokens end when it stops, ' +
          'and several api processes would not accept each other’s tokens). Set JWT_SECRET in production.',
      );
    }
    this.key = createSecretKey(Buffer.from(this.secret));
  }

  sign(claims: TokenClaims): { token: string; expiresIn: number } {
    const token = jwt.sign({ ver: claims.ver, role: claims.role }, this.secret, {
      algorithm: ALGORITHM,
      subject: claims.sub,
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: this.ttlSeconds,
    });
    return { token, expiresIn: this.ttlSeconds };
  }

  /** The claims of a valid token, or null for anything else (bad signature, algorithm, exp, iss, aud, shape). */
  verify(token: string, nowMs = Date.now()): TokenClaims | null {
    const now = Math.floor(nowMs / 1000);
    const known = this.verified.get(token);
    if (known) {
      if (now < known.exp) return known.claims;
      this.verified.delete(token);
      return null;
    }
    const checked = this.check(token, now);
    if (checked) {
      if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, checked);
    }
    return checked?.claims ?? null;
  }

  private check(token: string, now: number): { claims: TokenClaims; exp: number } | null {
    try {
      const payload = jwt.verify(token, this.key, { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE, clockTimestamp: now });
      // jsonwebtoken checks exp only when present: a token without one would never expire.
      if (typeof payload !== 'object' || typeof payload.exp !== 'number') return null;
      if (typeof payload.sub !== 'string' || typeof payload['ver'] !== 'number') return null;
      return { claims: { sub: payload.sub, ver: payload['ver'] as number, role: payload['role'] as Role }, exp: payload.exp };
    } catch {
      return null;
    }
  }
}
