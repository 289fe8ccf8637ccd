import type { Core } from 'cytoscape';
import type { ViewState } from './view-state.js';

declare global {
  interface Window {
    /** The page's graph model and view state, for tests and for the curious in the console. */
    __explorer?: {
      cy: Core;
      state(): ViewState;
      /** Resolves once the current layout has stopped. */
      settled(): Promise<void>;
    };
  }
}
