import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

/**
 * Every answer depends on the token that asked for it, so no browser or proxy may keep one. Apollo's cache
 * control plugin would say so too, but it visits every field of every answer to work that out, and the
 * platform gives no field a cache hint: the header is set once per answer instead.
 */
export function uncachedResponses(): ApolloServerPlugin[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            response.http.headers.set('cache-control', 'no-store');
          },
        };
      },
    },
  ];
}
