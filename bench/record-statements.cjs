// Preloaded (`-r`) into a server by `npm run bench -- submissions`: appends every statement the server sends
// to PostgreSQL, with its parameters and the connection it went on, to the JSON Lines file STATEMENT_LOG,
// so the benchmark can send exactly the same statements itself. Written synchronously, before the
// statement leaves, so that everything a request sent is in the file once its answer has arrived.
const fs = require('node:fs');
const { Client } = require('pg');

const log = fs.openSync(process.env.STATEMENT_LOG, 'a');
const connections = new WeakMap();
let lastConnection = 0;
const query = Client.prototype.query;

Client.prototype.query = function recordedQuery(config, values, callback) {
  if (!connections.has(this)) connections.set(this, ++lastConnection);
  const text = typeof config === 'string' ? config : config.text;
  const params = typeof config === 'string' || config.values === undefined ? values : config.values;
  const line = { connection: connections.get(this), text, values: Array.isArray(params) ? params : [] };
  fs.writeSync(log, `${JSON.stringify(line)}\n`);
  return query.call(this, config, values, callback);
};
