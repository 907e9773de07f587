import express from 'express';
import type { Request, Response, Router } from 'express';
import { errorBody } from '../error-body';
import { ASSURANCE_ICONS, VARIATION_ICONS, assuranceIconSvg, variationIconSvg } from './mdc-icons';

/** A day: the icons change only with a new release of the server. */
const ICON_CACHE = 'public, max-age=86400';

/**
 * `GET /icons/variation/<name>.svg` (common-cause, improvement-high, improvement-low, concern-high,
 * concern-low) and `GET /icons/assurance/<name>.svg` (pass, fail, inconsistent): Making Data Count's icons,
 * for every page and for any client that shows a series' `variation` and `assurance`.
 */
export function iconEndpoints(): Router {
  const router = express.Router();
  const serve =
    <Name extends string>(kind: string, names: readonly Name[], draw: (name: Name) => string) =>
    (req: Request, res: Response) => {
      const name = req.params.name as Name;
      if (!names.includes(name)) {
        res
          .status(404)
          .json(errorBody('NOT_FOUND', `No ${kind} icon is named "${name}": ${names.join(', ')}`));
        return;
      }
      res.set('Cache-Control', ICON_CACHE).type('image/svg+xml').send(draw(name));
    };
  router.get(
    '/variation/:name.svg',
    serve('variation', VARIATION_ICONS, (name) => variationIconSvg(name)),
  );
  router.get(
    '/assurance/:name.svg',
    serve('assurance', ASSURANCE_ICONS, (name) => assuranceIconSvg(name)),
  );
  return router;
}
