import { createRemoteJWKSet, jwtVerify } from 'jose';
import { ROLES, type Actor, type Role } from '../../domain/identity';

export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  roleClaim: string;
  subjectClaim: string;
}

/** OIDC/JWT bearer tokens: signature from the issuer's JWKS, issuer, audience and expiry checked; role from a claim. */
export class OidcVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  constructor(private readonly s: OidcSettings) {
    this.jwks = createRemoteJWKSet(new URL(s.jwksUrl));
  }

  async verify(token: string): Promise<Actor | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.jwks, { issuer: this.s.issuer, audience: this.s.audience });
      const claim = payload[this.s.roleClaim];
      const roles = (Array.isArray(claim) ? claim : [claim]).filter((r): r is Role => ROLES.includes(r as Role));
      const id = payload[this.s.subjectClaim];
      if (typeof id !== 'string' || !id || roles.length === 0) return undefined;
      return { id, role: roles[0]! };
    } catch {
      return undefined;
    }
  }
}
