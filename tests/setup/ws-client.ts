import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphQLErrorBody } from './http-client.js';

/** A graphql-ws client as any Node program would use it, and the events of one subscription, collected. */

export interface Closed {
  code: number;
  reason: string;
}

export interface WsClient {
  client: Client;
  /** How the connection closed, once it has. */
  closed: Promise<Closed>;
  dispose(): Promise<void>;
}

/** A client of `<base>/graphql` over WebSocket that never retries (a test decides when to reconnect). */
export function wsClient(base: string, connectionParams?: Record<string, unknown>): WsClient {
  let onClosed!: (closed: Closed) => void;
  const closed = new Promise<Closed>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: `${base.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    ...(connectionParams ? { connectionParams } : {}),
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  return { client, closed, dispose: () => client.dispose() as Promise<void> };
}

/** The events of one subscription, in the order they came, with when each came. */
export class Subscription<T> {
  readonly events: Array<{ data: T; at: number }> = [];
  readonly errors: GraphQLErrorBody[] = [];
  completed = false;
  private readonly stop: () => void;
  private waiters: Array<() => void> = [];

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
    this.stop = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) this.errors.push(...(value.errors as GraphQLErrorBody[]));
          if (value.data) this.events.push({ data: value.data as T, at: Date.now() });
          this.notify();
        },
        error: (error) => {
          this.errors.push(...(Array.isArray(error) ? (error as GraphQLErrorBody[]) : [{ message: String((error as Error).message ?? error) }]));
          this.completed = true;
          this.notify();
        },
        complete: () => {
          this.completed = true;
          this.notify();
        },
      },
    );
  }

  get data(): T[] {
    return this.events.map((e) => e.data);
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until `count` events have come (or an error, or the end), failing after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 15_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count && this.errors.length === 0 && !this.completed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`waited ${timeoutMs} ms for ${count} events, got ${this.events.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (this.errors.length) throw new Error(`subscription errors: ${JSON.stringify(this.errors)}`);
    return this.data;
  }

  unsubscribe(): void {
    this.stop();
  }
}
