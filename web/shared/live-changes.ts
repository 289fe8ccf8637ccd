import { createClient, type Client } from 'graphql-ws';
import { graphql } from './graphql-client.js';

/**
 * An entity's changes, as they were and as they come: the newest ones from `Query.changes(last:)`, then the
 * `changes` subscription over graphql-ws at /graphql from that page's end cursor, resumable: it remembers the
 * cursor of the last event, and after a dropped connection it subscribes again from there, so no change is missed
 * nor sent twice.
 */

export interface LiveChange {
  recordId: string;
  category: 'ENTITY' | 'SOURCE' | 'FACT';
  action: 'CREATED' | 'UPDATED' | 'DELETED';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  load: { id: string; finishedAt: string | null; principal: string | null };
}

export interface LiveSummary {
  id: string;
  finishedAt: string | null;
  principal: string | null;
  created: { entities: number; facts: number; sources: number };
  updated: { entities: number; facts: number; sources: number };
}

export interface LiveEvent {
  cursor: string;
  change: LiveChange | null;
  summary: LiveSummary | null;
}

export interface ChangeWhere {
  entity?: string;
  kinds?: string[];
  types?: string[];
  load?: string;
}

const LOAD_FIELDS = 'id finishedAt principal';
const CHANGE_FIELDS = `recordId category action before after load { ${LOAD_FIELDS} }`;
const SUBSCRIPTION = `subscription LiveChanges($after: String, $where: ChangeWhere) {
  changes(after: $after, where: $where) {
    cursor
    change { ${CHANGE_FIELDS} }
    summary { ${LOAD_FIELDS} created { entities facts sources } updated { entities facts sources } }
  }
}`;
const LATEST = `query LatestChanges($last: Int!, $where: ChangeWhere) {
  changes(last: $last, where: $where) {
    edges { cursor node { ${CHANGE_FIELDS} } }
    pageInfo { endCursor }
  }
}`;

export interface LatestChanges {
  /** Oldest first. */
  events: LiveEvent[];
  /** Where they end: follow the feed from here to miss nothing that commits meanwhile. */
  cursor: string | null;
}

/** The newest `last` changes that pass a filter, and where they end. */
export async function latestChanges(where: ChangeWhere, last: number, signal?: AbortSignal): Promise<LatestChanges> {
  const data = await graphql<{ changes: { edges: Array<{ cursor: string; node: LiveChange }>; pageInfo: { endCursor: string | null } } }>(
    LATEST,
    { last, where },
    signal,
  );
  return {
    events: data.changes.edges.map((edge) => ({ cursor: edge.cursor, change: edge.node, summary: null })),
    cursor: data.changes.pageInfo.endCursor,
  };
}

const RETRY_MS = [500, 1_000, 2_000, 5_000];

export class LiveChanges {
  private readonly client: Client;
  private stop: (() => void) | undefined;
  private cursor: string | null = null;
  private failures = 0;
  private retry: number | undefined;
  private where: ChangeWhere | null = null;

  constructor(private readonly onEvent: (event: LiveEvent) => void) {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    // The client's own retries would subscribe again from where it first started; this class resumes instead.
    this.client = createClient({ url: `${scheme}://${window.location.host}/graphql`, lazy: true, retryAttempts: 0 });
  }

  /** Follows these changes (null: none) after a cursor (null: from now on), dropping what was followed before. */
  watch(where: ChangeWhere | null, after: string | null = null): void {
    this.stop?.();
    this.stop = undefined;
    window.clearTimeout(this.retry);
    this.cursor = after;
    this.where = where;
    if (where !== null) this.subscribe();
  }

  private subscribe(): void {
    const where = this.where;
    if (where === null) return;
    let done = false;
    const again = (): void => {
      if (done || this.where !== where) return;
      done = true;
      const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]!;
      this.failures += 1;
      this.retry = window.setTimeout(() => this.subscribe(), wait);
    };
    this.stop = this.client.subscribe<{ changes: LiveEvent }>(
      { query: SUBSCRIPTION, variables: { after: this.cursor, where } },
      {
        next: (result) => {
          const event = result.data?.changes;
          if (!event || this.where !== where) return;
          this.failures = 0;
          this.cursor = event.cursor;
          this.onEvent(event);
        },
        error: again,
        complete: again,
      },
    );
  }
}
