import express from 'express';
import type { Router } from 'express';
import { errorBody } from '../error-body';
import { ASSURANCE_ICONS, VARIATION_ICONS, assuranceIconSvg, variationIconSvg } from './mdc-icons';
import type { AssuranceIcon, VariationIcon } from './mdc-icons';

/** A day: the icons change only with a new release of the server. */
const ICON_CACHE = 'public, max-age=86400';

/**
 * `GET /icons/variation/<name>.svg` (common-cause, improvement-high, improvement-low, concern-high,
 * concern-low) and `GET /icons/assurance/<name>.svg` (pass, fail, inconsistent): Making Data Count's icons,
 * for every page and for any client that shows a series' `variation` and `assurance`.
 */
export function iconEndpoints(): Router {
  const router = express.Router();
  router.get('/variation/:name.svg', (req, res) => {
    const name = req.params.name as VariationIcon;
    if (!VARIATION_ICONS.includes(name)) {
      res
        .status(404)
        .json(errorBody('NOT_FOUND', `No variation icon is named "${name}": ${VARIATION_ICONS.join(', ')}`));
      return;
    }
    res.set('Cache-Control', ICON_CACHE).type('image/svg+xml').send(variationIconSvg(name));
  });
  router.get('/assurance/:name.svg', (req, res) => {
    const name = req.params.name as AssuranceIcon;
    if (!ASSURANCE_ICONS.includes(name)) {
      res
        .status(404)
        .json(errorBody('NOT_FOUND', `No assurance icon is named "${name}": ${ASSURANCE_ICONS.join(', ')}`));
      return;
    }
    res.set('Cache-Control', ICON_CACHE).type('image/svg+xml').send(assuranceIconSvg(name));
  });
  return router;
}
