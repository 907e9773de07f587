import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * Which browser pages may call the API: the server's own, and the origins of `CORS_ORIGINS`. The same list
 * answers a cross-origin request's preflight and decides a WebSocket upgrade, which browsers never preflight.
 */
export class OriginPolicy {
  private readonly listed: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.listed = new Set(origins);
  }

  /**
   * A request without `Origin` is not from a browser page (curl, a server, a test), and not the policy's to
   * refuse; one from the server's own origin is same-origin.
   */
  allows(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined || this.listed.has(origin)) return true;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }

  /** CORS headers for the listed origins; any other origin gets none, so its browser withholds the answer. */
  http(): RequestHandler {
    return cors({
      origin: (origin, decide) => decide(null, origin !== undefined && this.listed.has(origin)),
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Apollo-Require-Preflight'],
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
    });
  }
}
