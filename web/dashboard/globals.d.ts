import type { Charts } from './charts.js';
import type { Overview } from './queries.js';
import type { DashboardState } from './state.js';

declare global {
  interface Window {
    /** The page's state, charts and last answer, for tests and for the curious in the console. */
    __dashboard?: {
      state(): DashboardState;
      charts: Charts;
      overview(): Overview | null;
    };
  }
}
