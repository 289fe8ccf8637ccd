import type { ChangeRecord } from '../graph/ledger-reads.js';
import type { LoadRecord } from '../graph/ledger-loads.js';
import type { NodeModel } from '../graph/models.js';
import type { PageInfoModel } from './connections.js';

/** What the ledger's GraphQL types resolve from. */

export type LoadModel = LoadRecord & { __typename?: 'Load' };

/** Anything `node(id:)` answers: the graph's nodes, and loads. */
export type NodeParent = NodeModel | (LoadRecord & { __typename: 'Load' });


/** A page, and how to count all of it (run only when `totalCount` is asked for). */
export interface LoadConnectionModel {
  edges: Array<{ cursor: string; node: LoadModel }>;
  pageInfo: PageInfoModel;
  count: () => Promise<number>;
}

export interface ChangeConnectionModel {
  edges: Array<{ cursor: string; node: ChangeRecord }>;
  pageInfo: PageInfoModel;
  count: () => Promise<number>;
}
