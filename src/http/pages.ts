import type { Express } from 'express';

/**
 * The browser pages (GraphQL playground at / and at GET /graphql for browsers, graph explorer at /explore),
 * every asset served from this server. Mounted before the GraphQL route.
 */
export function mountPages(_app: Express): void {
  // The playground and explorer are built in the browser issue (#5).
}
