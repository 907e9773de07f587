import { Router } from 'express';
import { checkReadiness } from './readiness';
import type { ReadinessSources } from './readiness';

/**
 * `GET /healthz`: the process is alive and answering (a liveness probe restarts it when not).
 * `GET /readyz`: it can serve (a readiness probe sends it traffic only then): 200 or 503, with each check.
 */
export function healthEndpoints(sources: ReadinessSources): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ status: 'alive' });
  });
  router.get('/readyz', async (_request, response) => {
    const { ready, checks } = await checkReadiness(sources);
    response
      .status(ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ready ? 'ready' : 'not ready', checks });
  });
  return router;
}
