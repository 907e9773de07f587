/* global document, location, history, sessionStorage, fetch, setTimeout, clearTimeout, setInterval, URLSearchParams, WebSocket */
/**
 * The control-room page: one tile per KPI of a unit's scorecard, kept live over a graphql-ws subscription.
 * Plain ES module, no build step; the WebSocket client is graphql-ws's own browser build.
 *
 * /control-room?unit=CODE[&period=YYYY-MM][#token=JWT]
 */
import { createClient } from '/control-room/vendor/graphql-ws/client.js';

const TOKEN_KEY = 'progress.control-room.token';
/** How long a tile flashes after its tier changes. */
const FLASH_MS = 6000;
/** A ping goes out this often; no pong within PONG_WAIT_MS means the connection is dead. */
const KEEP_ALIVE_MS = 10_000;
const PONG_WAIT_MS = 5000;
/** graphql-ws close codes: the token was refused, or it expired. */
const CLOSE_FORBIDDEN = 4403;
const CLOSE_TOKEN_EXPIRED = 4401;

const DOMAINS = {
  CLINICAL_EFFECTIVENESS: 'Clinical effectiveness',
  PATIENT_EXPERIENCE: 'Patient experience',
  STAFF_ENGAGEMENT: 'Staff engagement',
  FINANCE: 'Finance',
};
const DOMAIN_ORDER = Object.keys(DOMAINS);

const TIERS = {
  BELOW_ESSENTIAL: 'Below essential',
  ESSENTIAL: 'Essential',
  DESIRABLE: 'Desirable',
  ASPIRATIONAL: 'Aspirational',
  BREAKTHROUGH: 'Breakthrough',
};

const LEVELS = {
  INDIVIDUAL: 'Individual',
  TEAM: 'Team',
  SERVICE: 'Service',
  DIRECTORATE: 'Directorate',
  ORGANISATION: 'Organisation',
  SYSTEM: 'System',
};

const PAGE_QUERY = `
  query ControlRoom($code: String!) {
    orgUnit(code: $code) { code name level latestPeriod }
    kpis { key name domain unit direction }
  }`;

const VALUES = `
  subscription ControlRoomValues($unit: String!, $period: String!) {
    kpiValueChanged(orgUnit: $unit, initial: true, period: $period) {
      kpi { key name domain unit direction }
      period value tier reporting expected
    }
  }`;

/** Every change at the unit, whatever the month: tells a page that follows the latest month to move on. */
const ANY_MONTH = `
  subscription ControlRoomMonths($unit: String!) {
    kpiValueChanged(orgUnit: $unit) { period value }
  }`;

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------------------
// Formatting

const numberFormats = new Map();
function formatNumber(value, decimals) {
  let format = numberFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    numberFormats.set(decimals, format);
  }
  // Avoid "-0.0" for a value that rounds to zero.
  const text = format.format(value);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** How many decimals a KPI's unit reads with: 87.3%, £612, 4.64 per 1,000, 240 bed days. */
function decimalsOf(unit) {
  if (unit === 'PERCENT') return 1;
  if (unit === 'GBP' || unit === 'BED_DAYS' || unit === 'COUNT') return 0;
  if (/^PER_1000/.test(unit)) return 2;
  return 1;
}

function formatValue(value, unit) {
  if (value === null || value === undefined) return '—';
  const number = formatNumber(value, decimalsOf(unit));
  if (unit === 'PERCENT') return `${number}%`;
  if (unit === 'GBP') return value < 0 ? `−£${number.slice(1)}` : `£${number}`;
  return number;
}

/** The words under the figure: "per 1,000 occupied bed days", "bed days"; nothing when the figure says it. */
function unitCaption(unit) {
  if (unit === 'PERCENT' || unit === 'GBP') return '';
  const per1000 = /^PER_1000_(.+)$/.exec(unit);
  if (per1000) return `per 1,000 ${per1000[1].toLowerCase().replaceAll('_', ' ')}`;
  return unit.toLowerCase().replaceAll('_', ' ');
}

/** "March 2026"; short, "Mar", for the month before the one on show. */
function monthName(period, style = 'long') {
  const [year, month] = period.split('-').map(Number);
  const options = style === 'long' ? { month: 'long', year: 'numeric' } : { month: 'short' };
  return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}

function previousMonth(period) {
  const [year, month] = period.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function currentMonth() {
  const now = new Date();
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const clockFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * Up, down or flat against last month, read at the precision shown (two values that both read 87.3% are
 * flat), and better or worse in the KPI's direction.
 */
function trendOf(current, previous, kpi) {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  const decimals = decimalsOf(kpi.unit);
  const shown = (value) => Number(value.toFixed(decimals));
  const change = shown(current) - shown(previous);
  if (change === 0) return { direction: 'flat', verdict: 'same' };
  const up = change > 0;
  const better = up === (kpi.direction === 'HIGHER_IS_BETTER');
  return { direction: up ? 'up' : 'down', verdict: better ? 'better' : 'worse' };
}

// ---------------------------------------------------------------------------------------------------------
// Messages

class PageError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

function showNotice(message, kind = 'error') {
  const notice = $('notice');
  notice.textContent = message;
  notice.dataset.kind = kind;
  notice.hidden = false;
}

function hideNotice() {
  $('notice').hidden = true;
}

function setConnection(state, text) {
  $('connection').dataset.state = state;
  $('connection-text').textContent = text;
  document.body.dataset.connection = state;
}

const announcements = [];
/** Tier changes for screen readers, in a polite live region; old ones leave so the region stays short. */
function announce(text) {
  const line = document.createElement('p');
  line.textContent = text;
  $('announcer').append(line);
  announcements.push(line);
  setTimeout(() => {
    line.remove();
    announcements.splice(announcements.indexOf(line), 1);
  }, 30_000);
}

// ---------------------------------------------------------------------------------------------------------
// Identity: a token from the fragment, kept for this tab only and taken out of the address bar.

function readToken() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const given = fragment.get('token');
  let stored;
  try {
    if (given) sessionStorage.setItem(TOKEN_KEY, given.replace(/^bearer\s+/i, ''));
    stored = sessionStorage.getItem(TOKEN_KEY);
  } catch {
    // Storage refused (e.g. a locked-down kiosk profile): the token lives as long as the page.
    stored = given ? given.replace(/^bearer\s+/i, '') : null;
  }
  if (fragment.has('token')) {
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
    );
  }
  return stored || null;
}

function forgetToken() {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing stored.
  }
}

function tokenRefused(detail) {
  forgetToken();
  return new PageError(
    'token',
    `${detail} Open this page again with a valid token at the end of the address: ` +
      `/control-room?unit=…#token=<token>. A token needs the VIEWER role on this unit.`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Tiles

/** Per KPI: its definition, the tile's elements, and the values shown. */
const tiles = new Map();

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function createTile(kpi) {
  const article = element('article', 'tile');
  article.dataset.kpi = kpi.key;
  article.dataset.domain = kpi.domain;
  article.dataset.tier = 'NONE';
  article.style.setProperty('--domain-order', String(DOMAIN_ORDER.indexOf(kpi.domain)));

  const head = element('header', 'tile-head');
  const domain = element('p', 'tile-domain', DOMAINS[kpi.domain] ?? kpi.domain);
  const name = element('h2', 'tile-name', kpi.name);
  head.append(domain, name);

  const figureRow = element('p', 'tile-value');
  const figure = element('span', 'tile-figure', '—');
  const caption = element('span', 'tile-unit', unitCaption(kpi.unit));
  figureRow.append(figure, caption);

  const tierRow = element('p', 'tile-tier-row');
  const tier = element('span', 'tile-tier', 'No data');
  const tierChange = element('span', 'tile-tier-change', '');
  tierRow.append(tier, tierChange);

  const trend = element('p', 'tile-trend');
  const arrow = element('span', 'tile-arrow', '');
  arrow.setAttribute('aria-hidden', 'true');
  const trendText = element('span', 'tile-trend-text', '');
  trend.append(arrow, trendText);

  const coverage = element('p', 'tile-coverage', '');

  article.append(head, figureRow, tierRow, trend, coverage);
  article.setAttribute('aria-label', kpi.name);
  const tile = {
    kpi,
    article,
    nodes: { figure, caption, tier, tierChange, arrow, trendText, coverage, trend },
    current: undefined,
    previous: undefined,
    flashTimer: undefined,
  };
  tiles.set(kpi.key, tile);
  return tile;
}

function sortedKpis(kpis) {
  return [...kpis].sort(
    (a, b) =>
      DOMAIN_ORDER.indexOf(a.domain) - DOMAIN_ORDER.indexOf(b.domain) ||
      a.name.localeCompare(b.name, 'en-GB'),
  );
}

function layOutTiles(kpis) {
  const main = $('tiles');
  main.replaceChildren(...sortedKpis(kpis).map((kpi) => createTile(kpi).article));
}

function tileFor(kpi) {
  const known = tiles.get(kpi.key);
  if (known) return known;
  // A KPI the first query did not list: give it a tile too, in domain order.
  const tile = createTile(kpi);
  const main = $('tiles');
  const after = sortedKpis([...tiles.values()].map((t) => t.kpi)).findIndex((k) => k.key === kpi.key);
  const next = [...main.children][after];
  main.insertBefore(tile.article, next ?? null);
  return tile;
}

function render(tile) {
  const { kpi, article, nodes, current, previous } = tile;
  const value = current?.value ?? null;
  const tier = current?.tier ?? null;
  const collected = !current || current.expected > 0;

  article.dataset.tier = tier ?? 'NONE';
  article.dataset.collected = collected ? 'yes' : 'no';
  nodes.figure.textContent = formatValue(value, kpi.unit);

  if (tier) nodes.tier.textContent = TIERS[tier] ?? tier;
  else if (!collected) nodes.tier.textContent = 'Not collected';
  else if (current && current.reporting > 0) nodes.tier.textContent = 'No value';
  else nodes.tier.textContent = 'No data';

  const trend = trendOf(value, previous?.value, kpi);
  const lastMonth = previous ? monthName(previous.period, 'short') : '';
  nodes.trend.dataset.direction = trend?.direction ?? 'none';
  nodes.trend.dataset.verdict = trend?.verdict ?? 'none';
  if (trend) {
    nodes.arrow.textContent = { up: '▲', down: '▼', flat: '▶' }[trend.direction];
    const was = formatValue(previous.value, kpi.unit);
    nodes.trendText.textContent =
      trend.direction === 'flat'
        ? `Same as ${lastMonth} (${was})`
        : `${trend.verdict === 'better' ? 'Better' : 'Worse'} than ${lastMonth} (${was})`;
    nodes.trend.title =
      trend.direction === 'flat'
        ? `Same as in ${monthName(previous.period)} (${was})`
        : `${trend.direction === 'up' ? 'Up' : 'Down'} from ${was} in ${monthName(previous.period)}: ${trend.verdict}`;
  } else {
    nodes.arrow.textContent = '';
    nodes.trend.title = '';
    nodes.trendText.textContent = value === null || !previous ? '' : `No ${lastMonth} value to compare`;
  }

  nodes.coverage.textContent =
    current && collected
      ? `${current.reporting} of ${current.expected} ${current.expected === 1 ? 'unit' : 'units'} reporting`
      : '';

  const label = [
    kpi.name,
    nodes.figure.textContent === '—' ? '' : `${nodes.figure.textContent} ${nodes.caption.textContent}`.trim(),
    nodes.tier.textContent,
    nodes.trend.title || nodes.trendText.textContent,
    nodes.coverage.textContent,
  ].filter(Boolean);
  article.setAttribute('aria-label', label.join('. '));
}

function flash(tile, from, to) {
  const { article, nodes, kpi } = tile;
  nodes.tierChange.textContent = `was ${from ? TIERS[from] : 'no data'} · ${timeFormat.format(new Date())}`;
  // Restart the animation when a second change lands while the first still flashes.
  article.classList.remove('flashing');
  void article.offsetWidth;
  article.classList.add('flashing');
  clearTimeout(tile.flashTimer);
  tile.flashTimer = setTimeout(() => article.classList.remove('flashing'), FLASH_MS);
  announce(
    `${kpi.name} changed tier from ${from ? TIERS[from] : 'no data'} to ${to ? TIERS[to] : 'no data'}: ` +
      `now ${formatValue(tile.current?.value ?? null, kpi.unit)} ${unitCaption(kpi.unit)}`.trim() +
      '.',
  );
}

// ---------------------------------------------------------------------------------------------------------
// The page

const params = new URLSearchParams(location.search);
const unitCode = (params.get('unit') ?? '').trim().toUpperCase();
const pinnedPeriod = params.get('period')?.trim() || null;
const token = readToken();

let shownPeriod = null;
let unit = null;
/** The subscriptions for the month on show and the month before; replaced when the month changes. */
let monthSubscriptions = [];
let everConnected = false;
let lastChange = null;
/** While the connection is down: when it was last known to be good. */
let lastLive = null;

async function query(text, variables) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: text, variables }),
    });
  } catch {
    throw new PageError(
      'network',
      'Cannot reach the server. Check the network; reload the page to try again.',
    );
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new PageError('server', `The server answered ${response.status} without a GraphQL response.`);
  }
  const errors = body.errors ?? [];
  const code = (name) => errors.find((error) => error.extensions?.code === name);
  if (code('UNAUTHENTICATED')) {
    throw tokenRefused(
      token
        ? 'The server refused this display’s token (it may have expired or be for another server).'
        : 'This server needs a token to read KPI values.',
    );
  }
  if (code('FORBIDDEN')) throw new PageError('forbidden', code('FORBIDDEN').message);
  if (!body.data)
    throw new PageError('server', errors[0]?.message ?? `The server answered ${response.status}.`);
  return body.data;
}

function errorsMessage(errors) {
  if (!Array.isArray(errors)) return null;
  const forbidden = errors.find((error) => error.extensions?.code === 'FORBIDDEN');
  if (forbidden) return new PageError('forbidden', forbidden.message);
  return new PageError(
    'server',
    errors.map((error) => error.message).join('; ') || 'The subscription failed.',
  );
}

function failed(error) {
  if (error instanceof PageError) {
    showNotice(error.message);
    if (error.kind === 'token' || error.kind === 'forbidden') setConnection('refused', 'Not allowed');
    else if (error.kind === 'unit' || error.kind === 'usage') setConnection('idle', 'Not watching');
    else setConnection('offline', 'Offline');
  } else {
    showNotice(`Something went wrong: ${error?.message ?? error}`);
    setConnection('offline', 'Offline');
  }
  $('tiles').setAttribute('aria-busy', 'false');
}

function isCloseEvent(value) {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}

function subscriptionFailed(error) {
  if (isCloseEvent(error) && error.code === CLOSE_FORBIDDEN) {
    failed(tokenRefused('The server refused this display’s token for live updates.'));
  } else if (isCloseEvent(error) && error.code === CLOSE_TOKEN_EXPIRED) {
    failed(tokenRefused('This display’s token has expired.'));
  } else {
    failed(errorsMessage(error) ?? new PageError('network', 'The live connection failed. Reload the page.'));
  }
}

function connectionLost() {
  setConnection('reconnecting', 'Reconnecting…');
  const since = lastLive ? ` The values shown are as of ${timeFormat.format(lastLive)}.` : '';
  showNotice(`Connection to the server lost: reconnecting.${since}`, 'warning');
}

let activeSocket = null;
let pongTimer;
const client = createClient({
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
  connectionParams: () => (token ? { authorization: `Bearer ${token}` } : {}),
  // A wall display never gives up: keep retrying, but not with a token the server has refused.
  retryAttempts: Infinity,
  retryWait: (retries) =>
    new Promise((resolve) =>
      setTimeout(resolve, Math.min(1000 * 2 ** retries, 15_000) + Math.floor(Math.random() * 1000)),
    ),
  shouldRetry: (event) =>
    !(isCloseEvent(event) && [CLOSE_FORBIDDEN, CLOSE_TOKEN_EXPIRED].includes(event.code)),
  keepAlive: KEEP_ALIVE_MS,
  on: {
    connecting: (retrying) => {
      if (retrying || everConnected) setConnection('reconnecting', 'Reconnecting…');
    },
    connected: (socket) => {
      activeSocket = socket;
      lastLive = null;
      if (everConnected) hideNotice();
      everConnected = true;
      setConnection('live', 'Live');
    },
    ping: (received) => {
      if (received) return;
      clearTimeout(pongTimer);
      pongTimer = setTimeout(() => {
        if (activeSocket?.readyState !== WebSocket.OPEN) return;
        // Say so at once: a dead network can hold the close handshake up for a long while.
        lastLive = new Date();
        connectionLost();
        activeSocket.close(4408, 'No pong');
      }, PONG_WAIT_MS);
    },
    pong: (received) => {
      if (received) clearTimeout(pongTimer);
    },
    closed: (event) => {
      if (activeSocket && document.body.dataset.connection === 'live') lastLive = new Date();
      activeSocket = null;
      clearTimeout(pongTimer);
      if (
        !everConnected ||
        (isCloseEvent(event) && [CLOSE_FORBIDDEN, CLOSE_TOKEN_EXPIRED].includes(event.code))
      )
        return;
      connectionLost();
    },
  },
});

function onValue(event) {
  const change = event.data?.kpiValueChanged;
  if (!change) {
    if (event.errors) subscriptionFailed(event.errors);
    return;
  }
  const tile = tileFor(change.kpi);
  tile.kpi = { ...tile.kpi, ...change.kpi };
  if (change.period === shownPeriod) {
    const before = tile.current;
    tile.current = change;
    render(tile);
    if (before && before.tier !== change.tier) flash(tile, before.tier, change.tier);
    if (change.value !== null && $('notice').dataset.kind === 'info') hideNotice();
    if (before && before.value !== change.value) {
      lastChange = new Date();
      $('updated').textContent = `Last change ${timeFormat.format(lastChange)}`;
    }
  } else if (change.period === previousMonth(shownPeriod)) {
    tile.previous = change;
    render(tile);
  }
  $('tiles').setAttribute('aria-busy', 'false');
}

function watchMonth(period) {
  const old = monthSubscriptions;
  shownPeriod = period;
  for (const tile of tiles.values()) {
    tile.current = undefined;
    tile.previous = undefined;
    tile.nodes.tierChange.textContent = '';
    render(tile);
  }
  $('heading-period').textContent = monthName(period);
  document.title = `${unit.name} · ${monthName(period)} · PROGRESS`;
  // Subscribe to the new month before letting the old one go, so the connection stays open between them.
  monthSubscriptions = [period, previousMonth(period)].map((month) =>
    client.subscribe(
      { query: VALUES, variables: { unit: unit.code, period: month } },
      { next: onValue, error: subscriptionFailed, complete: () => undefined },
    ),
  );
  for (const stop of old) stop();
}

function followLatestMonth() {
  client.subscribe(
    { query: ANY_MONTH, variables: { unit: unit.code } },
    {
      next: (event) => {
        const change = event.data?.kpiValueChanged;
        if (change && change.value !== null && change.period > shownPeriod) watchMonth(change.period);
      },
      error: subscriptionFailed,
      complete: () => undefined,
    },
  );
}

function tick() {
  $('clock').textContent = clockFormat.format(new Date());
}

async function start() {
  tick();
  setInterval(tick, 15_000);
  if (!unitCode) {
    $('heading-unit').textContent = 'No unit chosen';
    throw new PageError(
      'usage',
      'Add the unit to the address, e.g. /control-room?unit=RNM (and &period=2026-03 for a month other than the latest).',
    );
  }
  if (pinnedPeriod && !/^\d{4}-(0[1-9]|1[0-2])$/.test(pinnedPeriod)) {
    $('heading-unit').textContent = unitCode;
    throw new PageError(
      'usage',
      `“${pinnedPeriod}” is not a month: give the period as YYYY-MM, e.g. 2026-03.`,
    );
  }

  const data = await query(PAGE_QUERY, { code: unitCode });
  if (!data.orgUnit) {
    $('heading-unit').textContent = unitCode;
    throw new PageError(
      'unit',
      `There is no unit “${unitCode}”. Check the code in the address (?unit=CODE).`,
    );
  }
  unit = data.orgUnit;
  $('heading-unit').textContent = unit.name;
  $('unit-meta').textContent = `${LEVELS[unit.level] ?? unit.level} · ${unit.code}`;
  layOutTiles(data.kpis);

  const period = pinnedPeriod ?? unit.latestPeriod ?? currentMonth();
  if (!pinnedPeriod && !unit.latestPeriod) {
    showNotice(`No KPI data for ${unit.name} yet: tiles fill in as teams submit.`, 'info');
  }
  watchMonth(period);
  if (!pinnedPeriod) followLatestMonth();
}

start().catch(failed);
