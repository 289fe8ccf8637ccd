/** What /ready reports: set by startup once the schema's indexes and the seeds are in place. */
export class Readiness {
  schemaReady = false;
  seedsReady = false;
  /** Set when shutdown begins, so load balancers stop sending traffic while requests drain. */
  stopping = false;
  /** Why startup is not done, when it failed. */
  problem: string | undefined;
}
