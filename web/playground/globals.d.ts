// The playground's libraries are GraphiQL's prebuilt UMD files, loaded by plain <script> tags before our
// bundle (see playground.html): these are the globals they define, typed from the same packages.
import type { ComponentProps } from 'react';
import type * as ReactNamespace from 'react';
import type * as ReactDomClient from 'react-dom/client';
import type { GraphiQL as GraphiQLComponent } from 'graphiql';
import type * as GraphiQLReact from '@graphiql/react';

type Fetcher = ComponentProps<typeof GraphiQLComponent>['fetcher'];

declare global {
  interface Window {
    React: typeof ReactNamespace;
    ReactDOM: typeof ReactDomClient;
    GraphiQL: typeof GraphiQLComponent & {
      createFetcher(options: { url: string; subscriptionUrl?: string; headers?: Record<string, string> }): Fetcher;
      /** @graphiql/react, bundled in the UMD file: hooks for plugins. */
      React: typeof GraphiQLReact;
    };
  }
}
