// GraphiQL on this server's /graphql: queries and mutations over HTTP, subscriptions over its WebSocket.
/* global GraphiQL, React, ReactDOM, URL, window, document */
import { createClient } from '/control-room/vendor/graphql-ws/client.js';

const FIRST_QUERY = `# Writing, and reading outside the demo, needs a token. Put it in Headers below:
#   { "Authorization": "Bearer <token>" }
{
  kpis {
    key
    name
    domain
  }
}
`;

const url = new URL('/graphql', window.location.href);
const fetcher = GraphiQL.createFetcher({
  url: url.href,
  wsClient: createClient({ url: url.href.replace(/^http/, 'ws'), lazy: true }),
});
ReactDOM.createRoot(document.getElementById('ide')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: FIRST_QUERY,
    defaultEditorToolsVisibility: 'headers',
  }),
);
