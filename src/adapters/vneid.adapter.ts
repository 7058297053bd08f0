// VNeID sign-in for citizens: OpenID Connect authorization-code flow with PKCE (S256), state and nonce, and
// `acr_values` for the level of assurance, through openid-client (certified relying-party library). The
// issuer, client id and secret are configuration; in demo mode and tests they point at the simulator.
import * as oidc from 'openid-client';
import { Problem } from '../domain/problems';

export type WebFetch = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; signal?: AbortSignal },
) => Promise<Response>;

export type VneidConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The `acr` values of level 1 and level 2 accounts. */
  acr: { 1: string; 2: string };
};

export type VneidStart = { url: string; state: string; nonce: string; codeVerifier: string; acr: string };

export type VneidIdentity = {
  sub: string;
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  address: string;
  phone: string;
  email: string;
  loa: 1 | 2;
  idToken: string;
};

export class VneidClient {
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(
    private readonly cfg: VneidConfig,
    private readonly fetchImpl?: WebFetch,
  ) {}

  private configuration(): Promise<oidc.Configuration> {
    this.discovered ??= oidc
      .discovery(new URL(this.cfg.issuer), this.cfg.clientId, undefined, oidc.ClientSecretBasic(this.cfg.clientSecret), {
        ...(this.cfg.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {}),
        ...(this.fetchImpl ? { [oidc.customFetch]: this.fetchImpl as never } : {}),
        timeout: 10,
      })
      .then((c) => {
        if (this.fetchImpl) c[oidc.customFetch] = this.fetchImpl as never;
        return c;
      })
      .catch((e: unknown) => {
        // Not cached: the next sign-in tries the discovery again.
        this.discovered = undefined;
        throw e;
      });
    return this.discovered;
  }

  /** The URL to send the browser to, and the secrets of this attempt (kept server-side until the callback). */
  async start(level: 1 | 2): Promise<VneidStart> {
    const config = await this.configuration().catch(() => {
      throw new Problem('service-unavailable');
    });
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const acr = this.cfg.acr[level];
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.cfg.redirectUri,
      scope: 'openid profile phone email',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      acr_values: acr,
      ui_locales: 'vi',
    });
    return { url: url.href, state, nonce, codeVerifier, acr };
  }

  /** Exchanges the code for tokens, checking state, nonce, PKCE, the ID token's signature, issuer and audience. */
  async finish(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<VneidIdentity> {
    const config = await this.configuration().catch(() => {
      throw new Problem('service-unavailable');
    });
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      const err = e as { code?: string; error?: string; message?: string; cause?: { code?: string } };
      if (err.cause?.code && /ECONN|ETIMEDOUT|EAI_AGAIN/.test(err.cause.code)) throw new Problem('service-unavailable');
      throw new Problem('oidc-sign-in-failed', { reason: err.error ?? err.code ?? err.message ?? 'unknown' });
    }
    const claims = tokens.claims();
    if (!claims) throw new Problem('oidc-sign-in-failed', { reason: 'no ID token' });
    const idNumber = typeof claims.personal_id === 'string' ? claims.personal_id : '';
    if (!/^[0-9]{12}$/.test(idNumber)) throw new Problem('oidc-sign-in-failed', { reason: 'no personal ID number in the ID token' });
    const address = claims.address as { formatted?: string } | string | undefined;
    return {
      sub: claims.sub,
      idNumber,
      fullName: typeof claims.name === 'string' ? claims.name : '',
      dateOfBirth: typeof claims.birthdate === 'string' ? claims.birthdate : '',
      address: typeof address === 'string' ? address : (address?.formatted ?? ''),
      phone: typeof claims.phone_number === 'string' ? claims.phone_number : '',
      email: typeof claims.email === 'string' ? claims.email : '',
      loa: claims.acr === this.cfg.acr[2] ? 2 : 1,
      idToken: tokens.id_token ?? '',
    };
  }
}
