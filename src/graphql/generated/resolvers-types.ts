import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { EntityModel, RelationModel, ConflictModel, SourceModel, CitationModel, RelatedModel } from '../../graph/models.js';
import { NodeParent, LoadModel, ChangeConnectionModel, LoadConnectionModel } from '../ledger-models.js';
import { PathModel, SubgraphModel } from '../../graph/read-queries.js';
import { EntityEdgeModel, ConnectionModel } from '../connections.js';
import { LoadReport } from '../../seed/seed-loader.js';
import { LoadInputRecord } from '../../graph/ledger-loads.js';
import { ChangeRecord } from '../../graph/ledger-reads.js';
import { RevertOutcome } from '../../seed/revert.js';
import { ConflictRecord } from '../../graph/ledger-restore.js';
import { ReconcileCandidateModel, ReconcileResultModel } from '../../graph/reconcile-cypher.js';
import { GraphQLContext } from '../context.js';
export type Maybe<T> = T | null | undefined;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Any JSON value: used for seed documents sent to `loadSeed`. */
  JSON: { input: unknown; output: unknown; }
};

/** What a load did to a record. */
export type ChangeAction =
  /** The record did not exist before. */
  | 'CREATED'
  /** The record existed and was removed (reverts of creations). */
  | 'DELETED'
  /** The record existed and changed. */
  | 'UPDATED';

/** A page of the change feed, in commit order. */
export type ChangeConnection = {
  __typename?: 'ChangeConnection';
  /** The changes of this page, oldest first, with their cursors. */
  edges: Array<ChangeEdge>;
  /** Where this page stands. `endCursor` is where to go on from (as `after`, or to subscribe), even when the page is empty or the last one for now; for a page of the newest changes (`last` without `before`) it is the end of the feed when the page was read, so that subscribing from it sends each later change once. `startCursor` is where to page further back from (as `before`). */
  pageInfo: PageInfo;
};

/** A change in the feed, with its cursor. */
export type ChangeEdge = {
  __typename?: 'ChangeEdge';
  /** Opaque cursor: pass it as `after` or `before` to `Query.changes`, or as `after` to the `changes` subscription. */
  cursor: Scalars['String']['output'];
  /** The change, with the record's state right after it. */
  node: LoadChange;
};

/** What the `changes` subscription sends: one change, or one summary for a load with more changes than `CHANGE_FEED_SUMMARY_THRESHOLD`. */
export type ChangeEvent = {
  __typename?: 'ChangeEvent';
  /** The change, with the record's state right after it; null for a summary. */
  change: Maybe<LoadChange>;
  /** Opaque cursor of this event: subscribe again with it as `after` to get every later change once. */
  cursor: Scalars['String']['output'];
  /** For a load with more matching changes than the threshold: the load (its counts; page `changes` for the detail) instead of one event per change; null otherwise. */
  summary: Maybe<Load>;
};

/** Which changes the change feed returns; all given conditions must hold. */
export type ChangeWhere = {
  /** Changes of this entity, and of facts with it at one end (before or after the change). */
  entity?: InputMaybe<Scalars['ID']['input']>;
  /** Changes of entities of these kinds, and of facts whose ends (`entity` excepted) are all of these kinds; no source changes. */
  kinds?: InputMaybe<Array<EntityKind>>;
  /** Changes of this load. */
  load?: InputMaybe<Scalars['ID']['input']>;
  /** Changes of facts of these types; no entity or source changes. */
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A source stating a fact, with the words it uses. */
export type Citation = {
  __typename?: 'Citation';
  /** The words of the source supporting the fact, where there are some. */
  quote: Maybe<Scalars['String']['output']>;
  /** The source. */
  source: Source;
};

/** Best-ranked facts with the same subject, type and object that disagree on status or dates while their periods overlap. */
export type Conflict = {
  __typename?: 'Conflict';
  /** The facts of the group, each with its sources, newest evidence (latest source publication) first. */
  facts: Array<Relation>;
  /** The facts' common subject. */
  from: Entity;
  /** The group's id: `conflict:<from>|<type>|<to>`. */
  id: Scalars['ID']['output'];
  /** How they disagree. */
  kinds: Array<ConflictKind>;
  /** The facts' common object. */
  to: Entity;
  /** The facts' common type. */
  type: Scalars['String']['output'];
};

/** A page of conflicts, ordered by subject, type and object ids. */
export type ConflictConnection = {
  __typename?: 'ConflictConnection';
  /** The conflicts of this page. */
  edges: Array<ConflictEdge>;
  /** Where this page stands. */
  pageInfo: PageInfo;
  /** How many groups conflict in all (the filters applied, not the cursor). */
  totalCount: Scalars['Int']['output'];
};

/** A conflict in a page of conflicts. */
export type ConflictEdge = {
  __typename?: 'ConflictEdge';
  /** Opaque cursor of this conflict. */
  cursor: Scalars['String']['output'];
  /** The conflict. */
  node: Conflict;
};

/** How the facts of a conflict disagree. */
export type ConflictKind =
  /** Their dates differ while their periods overlap. */
  | 'DATES'
  /** Their statuses differ while their periods overlap. */
  | 'STATUS';

/** A country, with its ISO codes and place in the world. */
export type Country = Entity & Node & {
  __typename?: 'Country';
  /** Official, native and alternative names. */
  aliases: Array<Scalars['String']['output']>;
  /** Capital cities. */
  capitals: Array<Scalars['String']['output']>;
  /** A short description. */
  description: Maybe<Scalars['String']['output']>;
  /** This record's revisions, newest first, each with its load. */
  history: LoadChangeConnection;
  /** `country:<ISO 3166-1 alpha-3>`, e.g. `country:IRN`. */
  id: Scalars['ID']['output'];
  /** ISO 3166-1 alpha-2 code, e.g. `IR`. */
  iso2: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-3 code, e.g. `IRN`. */
  iso3: Scalars['String']['output'];
  /** Always COUNTRY. */
  kind: EntityKind;
  /** Organizations this country is a member of (`MEMBER_OF` facts), with dates and status. */
  memberships: Array<RelatedOrganization>;
  /** Common English name, e.g. `Iran`. */
  name: Scalars['String']['output'];
  /** Countries sharing a land border (`BORDERS` facts). */
  neighbors: Array<RelatedCountry>;
  /** People holding a position in this country's government (`HOLDS_POSITION` facts). */
  officials: Array<RelatedPerson>;
  /** Continent-level region, e.g. `Asia`. */
  region: Maybe<Scalars['String']['output']>;
  /** Facts about this country, any type, newest first. */
  relations: Array<Relation>;
  /** Subregion, e.g. `Southern Asia`. */
  subregion: Maybe<Scalars['String']['output']>;
  /** Treaties this country is a party to (`PARTY_TO` facts), with the party's status. */
  treaties: Array<RelatedTreaty>;
};


/** A country, with its ISO codes and place in the world. */
export type CountryHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A country, with its ISO codes and place in the world. */
export type CountryMembershipsArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  rank?: InputMaybe<RankSelection>;
};


/** A country, with its ISO codes and place in the world. */
export type CountryNeighborsArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  rank?: InputMaybe<RankSelection>;
};


/** A country, with its ISO codes and place in the world. */
export type CountryOfficialsArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  rank?: InputMaybe<RankSelection>;
};


/** A country, with its ISO codes and place in the world. */
export type CountryRelationsArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  direction?: InputMaybe<Direction>;
  first?: InputMaybe<Scalars['Int']['input']>;
  knownAt?: InputMaybe<Scalars['String']['input']>;
  rank?: InputMaybe<RankSelection>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** A country, with its ISO codes and place in the world. */
export type CountryTreatiesArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  rank?: InputMaybe<RankSelection>;
  status?: InputMaybe<Array<TreatyStatus>>;
};

/** A page of countries. */
export type CountryConnection = {
  __typename?: 'CountryConnection';
  /** The countries of this page, with their cursors. */
  edges: Array<CountryEdge>;
  /** Where this page stands. */
  pageInfo: PageInfo;
  /** How many countries match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A country in a page, with its cursor. */
export type CountryEdge = {
  __typename?: 'CountryEdge';
  /** Opaque cursor, stable under inserts: pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The country. */
  node: Country;
};

/** Filters for countries; all given conditions must hold. */
export type CountryWhere = {
  /** Only these ids. */
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Members of this organization (id), e.g. `org:sco`. */
  memberOf?: InputMaybe<Scalars['ID']['input']>;
  /** Name or an alias contains this text (ignoring case and accents). */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Sharing a land border with this country (id). */
  neighborOf?: InputMaybe<Scalars['ID']['input']>;
  /** Parties to a treaty to which this other country (id) is also a party. */
  partyToTreatyWith?: InputMaybe<Scalars['ID']['input']>;
  /** Which facts the fact conditions above see: best-ranked ones (the default), all but deprecated ones, or all. */
  rank?: InputMaybe<RankSelection>;
  /** In this region, e.g. `Asia`. */
  region?: InputMaybe<Scalars['String']['input']>;
  /** In this subregion, e.g. `Southern Asia`. */
  subregion?: InputMaybe<Scalars['String']['input']>;
};

/** Which way a relation points, seen from the entity it is asked from. */
export type Direction =
  /** Both. */
  | 'BOTH'
  /** Facts in which the entity is the object (`to`). */
  | 'INCOMING'
  /** Facts in which the entity is the subject (`from`). */
  | 'OUTGOING';

/** A thing the graph knows about: a country, a person, an organization or a treaty. */
export type Entity = {
  /** Other names: official and native names, spellings, acronyms. */
  aliases: Array<Scalars['String']['output']>;
  /** A short description. */
  description: Maybe<Scalars['String']['output']>;
  /** Stable id: `<kind>:<slug>`, `country:<ISO 3166-1 alpha-3>` for countries. */
  id: Scalars['ID']['output'];
  /** What kind of thing this is. */
  kind: EntityKind;
  /** The usual English name. */
  name: Scalars['String']['output'];
  /** Facts about this entity, any type, newest first. */
  relations: Array<Relation>;
};


/** A thing the graph knows about: a country, a person, an organization or a treaty. */
export type EntityRelationsArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  direction?: InputMaybe<Direction>;
  first?: InputMaybe<Scalars['Int']['input']>;
  knownAt?: InputMaybe<Scalars['String']['input']>;
  rank?: InputMaybe<RankSelection>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** The kinds of entity in the graph; an entity's id starts with its kind (`country:IRN`, `person:ali-khamenei`). */
export type EntityKind =
  /** A sovereign state or territory, identified by its ISO 3166-1 alpha-3 code (`country:IRN`). */
  | 'COUNTRY'
  /** An organization: an international body, an alliance, a ministry (`org:sco`). */
  | 'ORGANIZATION'
  /** A person, usually an official who holds a position (`person:saeed-khatibzadeh`). */
  | 'PERSON'
  /** An agreement, charter or other document between parties (`treaty:jcpoa`). */
  | 'TREATY';

/** How to sort countries, people or organizations. */
export type EntityOrder = {
  /** The direction. */
  direction: OrderDirection;
  /** The sort key. */
  field: EntityOrderField;
};

/** What to sort countries, people and organizations by. */
export type EntityOrderField =
  /** Id. */
  | 'ID'
  /** Name, ignoring case and accents. */
  | 'NAME';

/** The counts of facts by one dimension. */
export type Facet = {
  __typename?: 'Facet';
  /** The values with the most facts, largest first, then by value; at most `top`. */
  buckets: Array<FacetBucket>;
  /** The dimension. */
  dimension: FacetDimension;
  /** Facts without a value in this dimension (no status, no start date). */
  missingCount: Scalars['Int']['output'];
  /** Facts with a value in this dimension, none of them in `buckets`. */
  otherCount: Scalars['Int']['output'];
  /** How many facts passed the filter (the same for every dimension). */
  total: Scalars['Int']['output'];
};

/** One value of a dimension and how many facts have it. */
export type FacetBucket = {
  __typename?: 'FacetBucket';
  /** How many of the counted facts have this value. */
  count: Scalars['Int']['output'];
  /** A readable name for the value where it is an id or a code: a source's title, an entity's name, a kind's name. */
  label: Maybe<Scalars['String']['output']>;
  /** The value: a fact type, a status, a rank, a year, a source id, an entity kind or an entity id. */
  value: Scalars['String']['output'];
};

/** What facts are counted by in `facets`. */
export type FacetDimension =
  /** The fact's type (`MEMBER_OF`, `PARTY_TO`…). */
  | 'FACT_TYPE'
  /** The entity at the other end from `where.entity` (labelled with its name): its top partners; without `where.entity`, or for a fact of the neighborhood not touching it, both ends count. */
  | 'OTHER_ENTITY'
  /** The kind of the entity at the other end from `where.entity` (labelled `Country`, `Person`…); without `where.entity`, or for a fact of the neighborhood not touching it, both ends count. */
  | 'OTHER_KIND'
  /** The fact's rank (`NORMAL` when it has none). */
  | 'RANK'
  /** The sources citing the fact (labelled with their titles); a fact citing several counts once in each. */
  | 'SOURCE'
  /** The fact's status in its source's words (`signed`, `planned`…); facts without one are counted in `missingCount`. */
  | 'STATUS'
  /** The year of the fact's first valid day (its start date); undated facts are counted in `missingCount`. */
  | 'YEAR';

/** Which facts `facets` counts; all given conditions must hold. */
export type FacetWhere = {
  /** Only facts valid on this date (ISO 8601; a year or month means its first day). */
  asOf?: InputMaybe<Scalars['String']['input']>;
  /** With `entity`: count every fact between two entities within this many facts of it (1-3), as `neighborhood` draws them without its limit. */
  depth?: InputMaybe<Scalars['Int']['input']>;
  /** Which way the entity's facts point (only `BOTH` with `depth`). */
  direction?: InputMaybe<Direction>;
  /** Only facts of this entity; with `depth`, the facts among the entities of its neighborhood. */
  entity?: InputMaybe<Scalars['ID']['input']>;
  /** Only facts dated (start date, else end date) on or after this date (ISO 8601; a year or month means its first day). */
  from?: InputMaybe<Scalars['String']['input']>;
  /** Only facts whose ends, `entity` excepted, are of these kinds. */
  kinds?: InputMaybe<Array<EntityKind>>;
  /** Counts as the graph was known at this instant (ISO 8601, e.g. `2026-11-30T12:00:00Z`), reconstructed from the load ledger: the facts then, with their ranks, and their ends' kinds and names then (with `depth`, the neighborhood then); combines with `asOf`. Sources' titles are today's. Now when omitted. */
  knownAt?: InputMaybe<Scalars['String']['input']>;
  /** Which facts by rank: the best-ranked ones (the default, so that the counts are those of the facts a default read returns), all but deprecated ones, or all. With `depth`, also which facts are followed. */
  rank?: InputMaybe<RankSelection>;
  /** Only facts dated on or before this date (ISO 8601; a year or month means its last day). */
  to?: InputMaybe<Scalars['String']['input']>;
  /** Only facts of these types (with `depth`: only follow facts of these types). */
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A write to the graph, as the ledger recorded it: who, when, from what, with what effect. */
export type Load = Node & {
  __typename?: 'Load';
  /** What it changed, in the order it changed it. */
  changes: LoadChangeConnection;
  /** Its place in commit order (loads commit one at a time); null until committed. */
  commitSequence: Maybe<Scalars['Int']['output']>;
  /** Records it created. */
  created: SeedCounts;
  /** Records it deleted (reverts of creations). */
  deleted: SeedCounts;
  /** Why it failed; null unless FAILED. */
  error: Maybe<Scalars['String']['output']>;
  /** When it committed or failed (ISO 8601 instant, UTC); null while running. */
  finishedAt: Maybe<Scalars['String']['output']>;
  /** Stable id (`load:…`), also accepted by `node`. */
  id: Scalars['ID']['output'];
  /** What it read. */
  inputs: Array<LoadInput>;
  /** Who made it: the API key's name (`api-key`), the JWT's `sub`, or the seed CLI's `user@host`. */
  principal: Maybe<Scalars['String']['output']>;
  /** The load that reverted this one, once REVERTED. */
  revertedBy: Maybe<Load>;
  /** The load this one reverts, for reverts. */
  reverts: Maybe<Load>;
  /** When it started (ISO 8601 instant, UTC). */
  startedAt: Scalars['String']['output'];
  /** Where the load stands. */
  status: LoadStatus;
  /** True when it was written in batches, each its own transaction (above `LOAD_STREAM_THRESHOLD` records). */
  streamed: Scalars['Boolean']['output'];
  /** Records it found as given (they cost nothing in the ledger). */
  unchanged: SeedCounts;
  /** Records it changed. */
  updated: SeedCounts;
};


/** A write to the graph, as the ledger recorded it: who, when, from what, with what effect. */
export type LoadChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** One record changed by one load: a revision, with the record's state before and after. */
export type LoadChange = {
  __typename?: 'LoadChange';
  /** What the load did to it. */
  action: ChangeAction;
  /** The record as stored after the change; null if the change removed it. */
  after: Maybe<Scalars['JSON']['output']>;
  /** The record as stored before the change (for facts with `from` and `to`); null if it did not exist. */
  before: Maybe<Scalars['JSON']['output']>;
  /** What kind of record. */
  category: RecordCategory;
  /** The load that made the change. */
  load: Load;
  /** The record's id (`country:IRN`, `source:…`, `fact:…`). */
  recordId: Scalars['ID']['output'];
  /** The change's number in the ledger: increasing in commit order. */
  sequence: Scalars['Int']['output'];
};

/** A page of changes. */
export type LoadChangeConnection = {
  __typename?: 'LoadChangeConnection';
  /** The changes of this page, with their cursors. */
  edges: Array<LoadChangeEdge>;
  /** Where this page stands. */
  pageInfo: PageInfo;
  /** How many changes there are, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A change in a page, with its cursor. */
export type LoadChangeEdge = {
  __typename?: 'LoadChangeEdge';
  /** Opaque cursor: pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The change. */
  node: LoadChange;
};

/** A page of loads, newest first. */
export type LoadConnection = {
  __typename?: 'LoadConnection';
  /** The loads of this page, with their cursors. */
  edges: Array<LoadEdge>;
  /** Where this page stands. */
  pageInfo: PageInfo;
  /** How many loads match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A load in a page, with its cursor. */
export type LoadEdge = {
  __typename?: 'LoadEdge';
  /** Opaque cursor: pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The load. */
  node: Load;
};

/** One input of a load: a seed file, the `loadSeed` document, or the load a revert reverts. */
export type LoadInput = {
  __typename?: 'LoadInput';
  /** The file name, `document` for `loadSeed`, or `revert of <load id>`. */
  name: Scalars['String']['output'];
  /** How many records it held. */
  records: Scalars['Int']['output'];
  /** SHA-256 of the input's bytes (hex); null for reverts. */
  sha256: Maybe<Scalars['String']['output']>;
};

/** Where a load stands. */
export type LoadStatus =
  /** Written completely. */
  | 'COMMITTED'
  /** Stopped by an error; whatever it had written was undone. `error` says why. */
  | 'FAILED'
  /** Committed, then reverted by a later load (`revertedBy`). */
  | 'REVERTED'
  /** Writing now (or abandoned by a process that died: undone at the next start of the server or the seed CLI). */
  | 'RUNNING';

/** Changing the graph. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Validates and loads a seed document (the format of `seeds/seed.schema.json`), all or nothing. Needs the `SEED_API_KEY` bearer token. */
  loadSeed: SeedReport;
  /** Sets the rank of a fact (and its reason; required for DEPRECATED, cleared when omitted), as one load of the ledger (revertable). Needs the `seed:write` scope. */
  rankFact: Load;
  /** Sets the rank of several facts (and its reason; required for DEPRECATED, cleared when omitted), as one load of the ledger. Needs the `seed:write` scope. */
  rankFacts: Load;
  /** Deprecates a fact with a reason (nothing is deleted: it stays readable with `rank: ALL`), as one load of the ledger (revertable). Needs the `seed:write` scope. */
  retractFact: Load;
  /** Deprecates several facts with one reason, as one load of the ledger. Needs the `seed:write` scope. */
  retractFacts: Load;
  /** Puts back every record a committed load created, changed or deleted, as a new load. Refused, listing the conflicts, when later loads changed those records again, unless `force`. Needs the `seed:write` scope. */
  revertLoad: RevertReport;
};


/** Changing the graph. */
export type MutationLoadSeedArgs = {
  document: Scalars['JSON']['input'];
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Changing the graph. */
export type MutationRankFactArgs = {
  id: Scalars['ID']['input'];
  rank: Rank;
  reason?: InputMaybe<Scalars['String']['input']>;
};


/** Changing the graph. */
export type MutationRankFactsArgs = {
  ids: Array<Scalars['ID']['input']>;
  rank: Rank;
  reason?: InputMaybe<Scalars['String']['input']>;
};


/** Changing the graph. */
export type MutationRetractFactArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** Changing the graph. */
export type MutationRetractFactsArgs = {
  ids: Array<Scalars['ID']['input']>;
  reason: Scalars['String']['input'];
};


/** Changing the graph. */
export type MutationRevertLoadArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  force?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
};

/** Anything with a global id: an entity, a relation or a source. */
export type Node = {
  /** Globally unique, stable, human-readable id (`country:IRN`, `fact:…`, `source:…`). */
  id: Scalars['ID']['output'];
};

/** Sort direction. */
export type OrderDirection =
  /** Ascending: A to Z, oldest first. */
  | 'ASC'
  /** Descending: Z to A, newest first. */
  | 'DESC';

/** An organization: an international body, an alliance, a government body. */
export type Organization = Entity & Node & {
  __typename?: 'Organization';
  /** Acronyms and other names. */
  aliases: Array<Scalars['String']['output']>;
  /** A short description. */
  description: Maybe<Scalars['String']['output']>;
  /** This record's revisions, newest first, each with its load. */
  history: LoadChangeConnection;
  /** `org:<slug>`, e.g. `org:sco`. */
  id: Scalars['ID']['output'];
  /** Always ORGANIZATION. */
  kind: EntityKind;
  /** Who leads it: entities with `LEADS` facts and people holding a position in it. */
  leaders: Array<RelatedEntity>;
  /** Members (`MEMBER_OF` facts pointing here), with dates and status. */
  members: Array<RelatedEntity>;
  /** Full name, e.g. `Shanghai Cooperation Organisation`. */
  name: Scalars['String']['output'];
  /** Facts about this organization, any type, newest first. */
  relations: Array<Relation>;
};


/** An organization: an international body, an alliance, a government body. */
export type OrganizationHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** An organization: an international body, an alliance, a government body. */
export type OrganizationLeadersArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  rank?: InputMaybe<RankSelection>;
};


/** An organization: an international body, an alliance, a government body. */
export type OrganizationMembersArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  rank?: InputMaybe<RankSelection>;
};


/** An organization: an international body, an alliance, a government body. */
export type OrganizationRelationsArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  direction?: InputMaybe<Direction>;
  first?: InputMaybe<Scalars['Int']['input']>;
  knownAt?: InputMaybe<Scalars['String']['input']>;
  rank?: InputMaybe<RankSelection>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A page of organizations. */
export type OrganizationConnection = {
  __typename?: 'OrganizationConnection';
  /** The organizations of this page, with their cursors. */
  edges: Array<OrganizationEdge>;
  /** Where this page stands. */
  pageInfo: PageInfo;
  /** How many organizations match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An organization in a page, with its cursor. */
export type OrganizationEdge = {
  __typename?: 'OrganizationEdge';
  /** Opaque cursor, stable under inserts. */
  cursor: Scalars['String']['output'];
  /** The organization. */
  node: Organization;
};

/** Filters for organizations; all given conditions must hold. */
export type OrganizationWhere = {
  /** With this entity (id) as a member. */
  hasMember?: InputMaybe<Scalars['ID']['input']>;
  /** Only these ids. */
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Name or an alias contains this text (ignoring case and accents). */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Which facts the fact conditions above see: best-ranked ones (the default), all but deprecated ones, or all. */
  rank?: InputMaybe<RankSelection>;
};

/** Where a page stands in a list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of the page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when there are items after this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when there are items before this page. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of the page. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/** A path between two entities. */
export type Path = {
  __typename?: 'Path';
  /** The facts along the path, in order. */
  edges: Array<Relation>;
  /** Number of facts on the path. */
  length: Scalars['Int']['output'];
  /** The entities along the path, from the start to the end. */
  nodes: Array<Entity>;
};

/** A person, usually an official. */
export type Person = Entity & Node & {
  __typename?: 'Person';
  /** Other names and spellings. */
  aliases: Array<Scalars['String']['output']>;
  /** A short description. */
  description: Maybe<Scalars['String']['output']>;
  /** This record's revisions, newest first, each with its load. */
  history: LoadChangeConnection;
  /** `person:<slug>`, e.g. `person:ali-khamenei`. */
  id: Scalars['ID']['output'];
  /** Always PERSON. */
  kind: EntityKind;
  /** Full name. */
  name: Scalars['String']['output'];
  /** Positions held (`HOLDS_POSITION` facts): the country or organization, with the title in `relation.role`. */
  positions: Array<RelatedEntity>;
  /** Facts about this person, any type, newest first. */
  relations: Array<Relation>;
};


/** A person, usually an official. */
export type PersonHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A person, usually an official. */
export type PersonPositionsArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  rank?: InputMaybe<RankSelection>;
};


/** A person, usually an official. */
export type PersonRelationsArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  direction?: InputMaybe<Direction>;
  first?: InputMaybe<Scalars['Int']['input']>;
  knownAt?: InputMaybe<Scalars['String']['input']>;
  rank?: InputMaybe<RankSelection>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A page of people. */
export type PersonConnection = {
  __typename?: 'PersonConnection';
  /** The people of this page, with their cursors. */
  edges: Array<PersonEdge>;
  /** Where this page stands. */
  pageInfo: PageInfo;
  /** How many people match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A person in a page, with its cursor. */
export type PersonEdge = {
  __typename?: 'PersonEdge';
  /** Opaque cursor, stable under inserts. */
  cursor: Scalars['String']['output'];
  /** The person. */
  node: Person;
};

/** Filters for people; all given conditions must hold. */
export type PersonWhere = {
  /** Holding a position in this country or organization (id). */
  holdsPositionIn?: InputMaybe<Scalars['ID']['input']>;
  /** Only these ids. */
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Name or an alias contains this text (ignoring case and accents). */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Which facts the fact conditions above see: best-ranked ones (the default), all but deprecated ones, or all. */
  rank?: InputMaybe<RankSelection>;
};

/** Reading the graph. */
export type Query = {
  __typename?: 'Query';
  /** Committed changes in commit order (the load's commit, then the change's place in it), oldest first. Changes of running, failed and reverted loads are not in it (a revert's own changes are). Each change's `after` is the record right after that change, not as it is now. Page forward with `first`/`after`, or backward with `last`/`before`: `last` alone gives the newest changes (still oldest first in `edges`). */
  changes: ChangeConnection;
  /** Groups of best-ranked facts with the same subject, type and object whose status or dates disagree while their periods overlap. */
  conflicts: ConflictConnection;
  /** Countries, filtered, sorted and paged. */
  countries: CountryConnection;
  /** An entity by id; null when unknown. */
  entity: Maybe<Entity>;
  /** Counts of facts grouped by each dimension in `by`, for dashboards: one Cypher round trip whatever the number of dimensions, the counting done in Neo4j. */
  facets: Array<Facet>;
  /** A load by id; null when unknown. */
  load: Maybe<Load>;
  /** Loads, newest first. */
  loads: LoadConnection;
  /** Everything within `depth` facts of an entity, itself included, and every fact between those entities. */
  neighborhood: Subgraph;
  /** Any node by its global id (entity, relation or source); null when unknown. */
  node: Maybe<Node>;
  /** Organizations, filtered, sorted and paged. */
  organizations: OrganizationConnection;
  /** Paths between two entities, shortest first. */
  paths: Array<Path>;
  /** People, filtered, sorted and paged. */
  people: PersonConnection;
  /** Names to entities: the candidates for each name, scored, with a confident match marked (the W3C reconciliation service at `/reconcile` answers the same). All names in one call are looked up together. */
  reconcile: Array<ReconcileResult>;
  /** The fact types in the graph, most frequent first. */
  relationTypes: Array<Scalars['String']['output']>;
  /** Full-text search over names and aliases, best match first; ignores case and accents and matches word prefixes. */
  search: Array<Entity>;
  /** An entity's dated facts in date order, oldest first. */
  timeline: Array<Relation>;
  /** Treaties, filtered, sorted and paged. */
  treaties: TreatyConnection;
};


/** Reading the graph. */
export type QueryChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  where?: InputMaybe<ChangeWhere>;
};


/** Reading the graph. */
export type QueryConflictsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  entityId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** Reading the graph. */
export type QueryCountriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<EntityOrder>;
  where?: InputMaybe<CountryWhere>;
};


/** Reading the graph. */
export type QueryEntityArgs = {
  id: Scalars['ID']['input'];
  knownAt?: InputMaybe<Scalars['String']['input']>;
};


/** Reading the graph. */
export type QueryFacetsArgs = {
  by: Array<FacetDimension>;
  top?: InputMaybe<Scalars['Int']['input']>;
  where?: InputMaybe<FacetWhere>;
};


/** Reading the graph. */
export type QueryLoadArgs = {
  id: Scalars['ID']['input'];
};


/** Reading the graph. */
export type QueryLoadsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<LoadStatus>;
};


/** Reading the graph. */
export type QueryNeighborhoodArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  depth?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  kinds?: InputMaybe<Array<EntityKind>>;
  knownAt?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  rank?: InputMaybe<RankSelection>;
  relationTypes?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** Reading the graph. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
  knownAt?: InputMaybe<Scalars['String']['input']>;
};


/** Reading the graph. */
export type QueryOrganizationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<EntityOrder>;
  where?: InputMaybe<OrganizationWhere>;
};


/** Reading the graph. */
export type QueryPathsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  fromId: Scalars['ID']['input'];
  maxHops?: InputMaybe<Scalars['Int']['input']>;
  rank?: InputMaybe<RankSelection>;
  relationTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  toId: Scalars['ID']['input'];
};


/** Reading the graph. */
export type QueryPeopleArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<EntityOrder>;
  where?: InputMaybe<PersonWhere>;
};


/** Reading the graph. */
export type QueryReconcileArgs = {
  queries: Array<ReconcileQuery>;
};


/** Reading the graph. */
export type QuerySearchArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  kinds?: InputMaybe<Array<EntityKind>>;
  text: Scalars['String']['input'];
};


/** Reading the graph. */
export type QueryTimelineArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  knownAt?: InputMaybe<Scalars['String']['input']>;
  rank?: InputMaybe<RankSelection>;
  to?: InputMaybe<Scalars['String']['input']>;
};


/** Reading the graph. */
export type QueryTreatiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<TreatyOrder>;
  where?: InputMaybe<TreatyWhere>;
};

/** A fact's rank among the facts with the same subject and type (Wikidata's statement ranks). */
export type Rank =
  /** Known to be wrong or superseded (with a reason); never best, shown only with `rank: ALL`. */
  | 'DEPRECATED'
  /** The default rank. */
  | 'NORMAL'
  /** Outranks the group's NORMAL facts: when a group has preferred facts, only they are best. */
  | 'PREFERRED';

/** Which facts a read returns, by rank. */
export type RankSelection =
  /** Every fact, deprecated ones included. */
  | 'ALL'
  /** The best-ranked facts of each (subject, type) group: the preferred ones if any, else the normal ones. */
  | 'BEST'
  /** Every fact but the deprecated ones. */
  | 'NON_DEPRECATED';

/** An entity that may be the one a name means. */
export type ReconcileCandidate = {
  __typename?: 'ReconcileCandidate';
  /** The entity. */
  entity: Entity;
  /** True for a confident match: the only candidate whose name equals the query after folding, or, when none does, one scoring at least 90 and 10 more than any other. */
  match: Scalars['Boolean']['output'];
  /** The name or alias that matched best: the evidence for the score. */
  matchedName: Scalars['String']['output'];
  /** How well its best name matches, 0-100: 100 when equal after folding case, accents, punctuation, word order and abbreviations. */
  score: Scalars['Float']['output'];
};

/** A constraint on the candidates of a `ReconcileQuery`. */
export type ReconcileProperty = {
  /** Which property: `iso2`, `iso3`, `region`, `subregion` (a country's own), `country` (has a fact with this country), `member` (an organization with this member), `memberOf` (a member of this organization) or `party` (a treaty with this party). */
  pid: Scalars['String']['input'];
  /** The value: a code or region as written, or an entity's id or name (case ignored). */
  v: Scalars['String']['input'];
};

/** A name to look up (reconcile) among the entities, as OpenRefine and data teams bring them. */
export type ReconcileQuery = {
  /** Only entities of this kind. */
  kind?: InputMaybe<EntityKind>;
  /** At most this many candidates, best first (1-40). */
  limit?: InputMaybe<Scalars['Int']['input']>;
  /** Only entities that satisfy every one of these constraints. */
  properties?: InputMaybe<Array<ReconcileProperty>>;
  /** The name as written, e.g. `Islamic Republic of Iran` or `Shanghai Cooperation Org.`; case, accents, punctuation, word order and one or two typos do not matter. */
  query: Scalars['String']['input'];
};

/** The candidates for one name. */
export type ReconcileResult = {
  __typename?: 'ReconcileResult';
  /** The candidates, best first; the first is the confident match when its `match` is true. */
  candidates: Array<ReconcileCandidate>;
  /** The name asked for, as given. */
  query: Scalars['String']['output'];
};

/** What kind of record a change is about. */
export type RecordCategory =
  /** An entity (country, person, organization, treaty). */
  | 'ENTITY'
  /** A fact (a `Relation`). */
  | 'FACT'
  /** A source. */
  | 'SOURCE';

/** A related country with the fact that relates it. */
export type RelatedCountry = {
  __typename?: 'RelatedCountry';
  /** The related country. */
  country: Country;
  /** The fact, with its dates, status and sources. */
  relation: Relation;
};

/** A related entity of any kind with the fact that relates it. */
export type RelatedEntity = {
  __typename?: 'RelatedEntity';
  /** The related entity. */
  entity: Entity;
  /** The fact, with its dates, status, role and sources. */
  relation: Relation;
};

/** A related organization with the fact that relates it. */
export type RelatedOrganization = {
  __typename?: 'RelatedOrganization';
  /** The related organization. */
  organization: Organization;
  /** The fact, with its dates, status and sources. */
  relation: Relation;
};

/** A related person with the fact that relates them. */
export type RelatedPerson = {
  __typename?: 'RelatedPerson';
  /** The related person. */
  person: Person;
  /** The fact, with its dates, status, role and sources. */
  relation: Relation;
};

/** A related treaty with the fact that relates it. */
export type RelatedTreaty = {
  __typename?: 'RelatedTreaty';
  /** The fact, with its dates, status and sources. */
  relation: Relation;
  /** The related treaty. */
  treaty: Treaty;
};

/** One fact between two entities, with its qualifiers and the sources that state it. */
export type Relation = Node & {
  __typename?: 'Relation';
  /** Each source with its own quote. */
  citations: Array<Citation>;
  /** When it ended (ISO 8601 with precision). */
  endDate: Maybe<Scalars['String']['output']>;
  /** The subject. */
  from: Entity;
  /** This fact's revisions, newest first, each with its load. */
  history: LoadChangeConnection;
  /** Stable id of the fact (`fact:…`). */
  id: Scalars['ID']['output'];
  /** The quotes from those sources that support it, where they quote. */
  quotes: Array<Scalars['String']['output']>;
  /** The fact's rank; NORMAL unless a seed or `rankFacts` set another. */
  rank: Rank;
  /** Why the fact has its rank (always given for DEPRECATED). */
  rankReason: Maybe<Scalars['String']['output']>;
  /** A role or title qualifying the fact, e.g. `Supreme Leader` on a `HOLDS_POSITION` fact. */
  role: Maybe<Scalars['String']['output']>;
  /** The sources that state this fact (at least one). */
  sources: Array<Source>;
  /** When it began or happened (ISO 8601 with precision). */
  startDate: Maybe<Scalars['String']['output']>;
  /** Where the fact stands, in the source's words: `planned`, `approved`, `signed`, `withdrawn`… */
  status: Maybe<Scalars['String']['output']>;
  /** The fact in one sentence. */
  summary: Maybe<Scalars['String']['output']>;
  /** The object. */
  to: Entity;
  /** The fact's type, UPPER_SNAKE_CASE: `MEMBER_OF`, `PARTY_TO`, `HOLDS_POSITION`, `BORDERS`, `STATED`… */
  type: Scalars['String']['output'];
};


/** One fact between two entities, with its qualifiers and the sources that state it. */
export type RelationHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** One record a revert changes (or would change). */
export type RevertChange = {
  __typename?: 'RevertChange';
  /** What the revert does to it. */
  action: ChangeAction;
  /** What kind of record. */
  category: RecordCategory;
  /** The record's id. */
  recordId: Scalars['ID']['output'];
};

/** A record that a later load changed again: reverting would undo that load's change too. */
export type RevertConflict = {
  __typename?: 'RevertConflict';
  /** What kind of record. */
  category: RecordCategory;
  /** The later loads that changed it. */
  loads: Array<Load>;
  /** The record's id. */
  recordId: Scalars['ID']['output'];
};

/** What `revertLoad` did, or would do. */
export type RevertReport = {
  __typename?: 'RevertReport';
  /** How many records the revert changes. */
  changeCount: Scalars['Int']['output'];
  /** What the revert changes (the first 1,000; `load.changes` pages all of them). */
  changes: Array<RevertChange>;
  /** Records changed again by later loads (the first 1,000); the revert is refused while there are any, unless forced. */
  conflicts: Array<RevertConflict>;
  /** Records it re-creates (the load had deleted them). */
  created: SeedCounts;
  /** Records it deletes (the load had created them). */
  deleted: SeedCounts;
  /** True when nothing was written because it was a dry run. */
  dryRun: Scalars['Boolean']['output'];
  /** The revert's own load (revertible in turn); null for dry runs and refusals. */
  load: Maybe<Load>;
  /** Why it was refused; null when `ok`. */
  message: Maybe<Scalars['String']['output']>;
  /** True when the revert was made (or, for a dry run, could be made); false when refused for conflicts. */
  ok: Scalars['Boolean']['output'];
  /** The load reverted (or to be reverted). */
  reverted: Load;
  /** Records it puts back as they were. */
  updated: SeedCounts;
};

/** Counts of one kind of record in a seed load. */
export type SeedCounts = {
  __typename?: 'SeedCounts';
  /** Entities. */
  entities: Scalars['Int']['output'];
  /** Facts. */
  facts: Scalars['Int']['output'];
  /** Sources. */
  sources: Scalars['Int']['output'];
};

/** One problem found in a seed document. */
export type SeedError = {
  __typename?: 'SeedError';
  /** The file, or `document` for a `loadSeed` argument. */
  file: Scalars['String']['output'];
  /** What is wrong. */
  message: Scalars['String']['output'];
  /** Where in it: a JSON pointer (`/facts/3/from`), or `line N` for JSON Lines. */
  path: Scalars['String']['output'];
};

/** What a seed load did (or, in a dry run, would do). */
export type SeedReport = {
  __typename?: 'SeedReport';
  /** Records that did not exist. */
  created: SeedCounts;
  /** True when nothing was written because it was a dry run. */
  dryRun: Scalars['Boolean']['output'];
  /** Milliseconds taken. */
  durationMs: Scalars['Int']['output'];
  /** Everything wrong with the input; empty when `ok`. */
  errors: Array<SeedError>;
  /** The load in the ledger (`load(id:)`, `revertLoad(id:)`); null for dry runs and invalid input, which write nothing. */
  loadId: Maybe<Scalars['ID']['output']>;
  /** True when the load was valid (and, unless a dry run, written). */
  ok: Scalars['Boolean']['output'];
  /** Records that existed already as given. */
  unchanged: SeedCounts;
  /** Records that existed and changed. */
  updated: SeedCounts;
};

/** Where facts come from: an article, a dataset, a document. */
export type Source = Node & {
  __typename?: 'Source';
  /** This source's revisions, newest first, each with its load. */
  history: LoadChangeConnection;
  /** Stable id (`source:…`). */
  id: Scalars['ID']['output'];
  /** What else is known about it: licence, how a date was inferred. */
  note: Maybe<Scalars['String']['output']>;
  /** When it was published (ISO 8601 with precision). */
  publishedOn: Maybe<Scalars['String']['output']>;
  /** Who published it. */
  publisher: Maybe<Scalars['String']['output']>;
  /** The section it appeared in, for articles. */
  section: Maybe<Scalars['String']['output']>;
  /** Headline or title. */
  title: Scalars['String']['output'];
  /** Where it can be read. */
  url: Maybe<Scalars['String']['output']>;
};


/** Where facts come from: an article, a dataset, a document. */
export type SourceHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A part of the graph, ready for a graph view: every edge joins two of its nodes. */
export type Subgraph = {
  __typename?: 'Subgraph';
  /** Every fact between two of the nodes. */
  edges: Array<Relation>;
  /** The entities, the starting one first. */
  nodes: Array<Entity>;
};

/** Live updates, over the graphql-ws protocol on the same port and path (`ws://…/graphql`); the same credentials as queries, sent in `connectionParams` (`{ authorization: "Bearer …" }`). */
export type Subscription = {
  __typename?: 'Subscription';
  /** Committed changes as they commit, in commit order, read from the ledger in Neo4j (so every instance sends them, and they survive restarts). With `after`, first every change committed after that cursor, each once, then live ones. A load with more matching changes than `CHANGE_FEED_SUMMARY_THRESHOLD` comes as one event with `summary`. Failed and reverted loads send nothing (a revert's own changes do). */
  changes: ChangeEvent;
};


/** Live updates, over the graphql-ws protocol on the same port and path (`ws://…/graphql`); the same credentials as queries, sent in `connectionParams` (`{ authorization: "Bearer …" }`). */
export type SubscriptionChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  where?: InputMaybe<ChangeWhere>;
};

/** An agreement, charter or other document between parties. */
export type Treaty = Entity & Node & {
  __typename?: 'Treaty';
  /** Other names and acronyms. */
  aliases: Array<Scalars['String']['output']>;
  /** Its clauses or areas of cooperation, as the source names them. */
  clauses: Array<Scalars['String']['output']>;
  /** A short description. */
  description: Maybe<Scalars['String']['output']>;
  /** Its term in years, where the source gives one. */
  durationYears: Maybe<Scalars['Int']['output']>;
  /** This record's revisions, newest first, each with its load. */
  history: LoadChangeConnection;
  /** `treaty:<slug>`, e.g. `treaty:jcpoa`. */
  id: Scalars['ID']['output'];
  /** Always TREATY. */
  kind: EntityKind;
  /** Name or title. */
  name: Scalars['String']['output'];
  /** Parties (`PARTY_TO` facts pointing here), each with its own status and dates. */
  parties: Array<RelatedEntity>;
  /** Facts about this treaty, any type, newest first. */
  relations: Array<Relation>;
  /** When it was signed (ISO 8601 with precision); null while unsigned. */
  signedOn: Maybe<Scalars['String']['output']>;
  /** Where it stands. */
  status: TreatyStatus;
};


/** An agreement, charter or other document between parties. */
export type TreatyHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** An agreement, charter or other document between parties. */
export type TreatyPartiesArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  rank?: InputMaybe<RankSelection>;
};


/** An agreement, charter or other document between parties. */
export type TreatyRelationsArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  direction?: InputMaybe<Direction>;
  first?: InputMaybe<Scalars['Int']['input']>;
  knownAt?: InputMaybe<Scalars['String']['input']>;
  rank?: InputMaybe<RankSelection>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A page of treaties. */
export type TreatyConnection = {
  __typename?: 'TreatyConnection';
  /** The treaties of this page, with their cursors. */
  edges: Array<TreatyEdge>;
  /** Where this page stands. */
  pageInfo: PageInfo;
  /** How many treaties match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A treaty in a page, with its cursor. */
export type TreatyEdge = {
  __typename?: 'TreatyEdge';
  /** Opaque cursor, stable under inserts. */
  cursor: Scalars['String']['output'];
  /** The treaty. */
  node: Treaty;
};

/** How to sort treaties. */
export type TreatyOrder = {
  /** The direction. */
  direction: OrderDirection;
  /** The sort key. */
  field: TreatyOrderField;
};

/** What to sort treaties by. */
export type TreatyOrderField =
  /** Id. */
  | 'ID'
  /** Name, ignoring case and accents. */
  | 'NAME'
  /** Signing date; unsigned treaties last. */
  | 'SIGNED_ON';

/** Where a treaty stands. */
export type TreatyStatus =
  /** In force between its parties. */
  | 'IN_FORCE'
  /** Its text is being drafted or negotiated. */
  | 'NEGOTIATING'
  /** Announced or planned; no text agreed yet. */
  | 'PROPOSED'
  /** Signed by its parties, not (known to be) in force. */
  | 'SIGNED'
  /** It has ended. */
  | 'TERMINATED'
  /** Parties have withdrawn from it. */
  | 'WITHDRAWN';

/** Filters for treaties; all given conditions must hold. */
export type TreatyWhere = {
  /** Only these ids. */
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Name or an alias contains this text (ignoring case and accents). */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** With this entity (id) as a party. */
  party?: InputMaybe<Scalars['ID']['input']>;
  /** Which facts the fact conditions above see: best-ranked ones (the default), all but deprecated ones, or all. */
  rank?: InputMaybe<RankSelection>;
  /** Signed on or after this date (ISO 8601). */
  signedFrom?: InputMaybe<Scalars['String']['input']>;
  /** Signed on or before this date (ISO 8601; a year or month means its last day). */
  signedTo?: InputMaybe<Scalars['String']['input']>;
  /** Only treaties in these states. */
  status?: InputMaybe<Array<TreatyStatus>>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ChangeAction: ChangeAction;
  ChangeConnection: ResolverTypeWrapper<Omit<ChangeConnection, 'edges'> & { edges: Array<ResolversTypes['ChangeEdge']> }>;
  ChangeEdge: ResolverTypeWrapper<Omit<ChangeEdge, 'node'> & { node: ResolversTypes['LoadChange'] }>;
  ChangeEvent: ResolverTypeWrapper<Omit<ChangeEvent, 'change' | 'summary'> & { change?: Maybe<ResolversTypes['LoadChange']>, summary?: Maybe<ResolversTypes['Load']> }>;
  ChangeWhere: ChangeWhere;
  Citation: ResolverTypeWrapper<CitationModel>;
  Conflict: ResolverTypeWrapper<ConflictModel>;
  ConflictConnection: ResolverTypeWrapper<Omit<ConflictConnection, 'edges'> & { edges: Array<ResolversTypes['ConflictEdge']> }>;
  ConflictEdge: ResolverTypeWrapper<Omit<ConflictEdge, 'node'> & { node: ResolversTypes['Conflict'] }>;
  ConflictKind: ConflictKind;
  Country: ResolverTypeWrapper<EntityModel>;
  CountryConnection: ResolverTypeWrapper<ConnectionModel>;
  CountryEdge: ResolverTypeWrapper<EntityEdgeModel>;
  CountryWhere: CountryWhere;
  Direction: Direction;
  Entity: ResolverTypeWrapper<EntityModel>;
  EntityKind: EntityKind;
  EntityOrder: EntityOrder;
  EntityOrderField: EntityOrderField;
  Facet: ResolverTypeWrapper<Facet>;
  FacetBucket: ResolverTypeWrapper<FacetBucket>;
  FacetDimension: FacetDimension;
  FacetWhere: FacetWhere;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Load: ResolverTypeWrapper<LoadModel>;
  LoadChange: ResolverTypeWrapper<ChangeRecord>;
  LoadChangeConnection: ResolverTypeWrapper<ChangeConnectionModel>;
  LoadChangeEdge: ResolverTypeWrapper<Omit<LoadChangeEdge, 'node'> & { node: ResolversTypes['LoadChange'] }>;
  LoadConnection: ResolverTypeWrapper<LoadConnectionModel>;
  LoadEdge: ResolverTypeWrapper<Omit<LoadEdge, 'node'> & { node: ResolversTypes['Load'] }>;
  LoadInput: ResolverTypeWrapper<LoadInputRecord>;
  LoadStatus: LoadStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<NodeParent>;
  OrderDirection: OrderDirection;
  Organization: ResolverTypeWrapper<EntityModel>;
  OrganizationConnection: ResolverTypeWrapper<ConnectionModel>;
  OrganizationEdge: ResolverTypeWrapper<EntityEdgeModel>;
  OrganizationWhere: OrganizationWhere;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Path: ResolverTypeWrapper<PathModel>;
  Person: ResolverTypeWrapper<EntityModel>;
  PersonConnection: ResolverTypeWrapper<ConnectionModel>;
  PersonEdge: ResolverTypeWrapper<EntityEdgeModel>;
  PersonWhere: PersonWhere;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Rank: Rank;
  RankSelection: RankSelection;
  ReconcileCandidate: ResolverTypeWrapper<ReconcileCandidateModel>;
  ReconcileProperty: ReconcileProperty;
  ReconcileQuery: ReconcileQuery;
  ReconcileResult: ResolverTypeWrapper<ReconcileResultModel>;
  RecordCategory: RecordCategory;
  RelatedCountry: ResolverTypeWrapper<RelatedModel>;
  RelatedEntity: ResolverTypeWrapper<RelatedModel>;
  RelatedOrganization: ResolverTypeWrapper<RelatedModel>;
  RelatedPerson: ResolverTypeWrapper<RelatedModel>;
  RelatedTreaty: ResolverTypeWrapper<RelatedModel>;
  Relation: ResolverTypeWrapper<RelationModel>;
  RevertChange: ResolverTypeWrapper<RevertChange>;
  RevertConflict: ResolverTypeWrapper<ConflictRecord>;
  RevertReport: ResolverTypeWrapper<RevertOutcome>;
  SeedCounts: ResolverTypeWrapper<SeedCounts>;
  SeedError: ResolverTypeWrapper<SeedError>;
  SeedReport: ResolverTypeWrapper<LoadReport>;
  Source: ResolverTypeWrapper<SourceModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subgraph: ResolverTypeWrapper<SubgraphModel>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Treaty: ResolverTypeWrapper<EntityModel>;
  TreatyConnection: ResolverTypeWrapper<ConnectionModel>;
  TreatyEdge: ResolverTypeWrapper<EntityEdgeModel>;
  TreatyOrder: TreatyOrder;
  TreatyOrderField: TreatyOrderField;
  TreatyStatus: TreatyStatus;
  TreatyWhere: TreatyWhere;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  ChangeConnection: Omit<ChangeConnection, 'edges'> & { edges: Array<ResolversParentTypes['ChangeEdge']> };
  ChangeEdge: Omit<ChangeEdge, 'node'> & { node: ResolversParentTypes['LoadChange'] };
  ChangeEvent: Omit<ChangeEvent, 'change' | 'summary'> & { change?: Maybe<ResolversParentTypes['LoadChange']>, summary?: Maybe<ResolversParentTypes['Load']> };
  ChangeWhere: ChangeWhere;
  Citation: CitationModel;
  Conflict: ConflictModel;
  ConflictConnection: Omit<ConflictConnection, 'edges'> & { edges: Array<ResolversParentTypes['ConflictEdge']> };
  ConflictEdge: Omit<ConflictEdge, 'node'> & { node: ResolversParentTypes['Conflict'] };
  Country: EntityModel;
  CountryConnection: ConnectionModel;
  CountryEdge: EntityEdgeModel;
  CountryWhere: CountryWhere;
  Entity: EntityModel;
  EntityOrder: EntityOrder;
  Facet: Facet;
  FacetBucket: FacetBucket;
  FacetWhere: FacetWhere;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  Load: LoadModel;
  LoadChange: ChangeRecord;
  LoadChangeConnection: ChangeConnectionModel;
  LoadChangeEdge: Omit<LoadChangeEdge, 'node'> & { node: ResolversParentTypes['LoadChange'] };
  LoadConnection: LoadConnectionModel;
  LoadEdge: Omit<LoadEdge, 'node'> & { node: ResolversParentTypes['Load'] };
  LoadInput: LoadInputRecord;
  Mutation: Record<PropertyKey, never>;
  Node: NodeParent;
  Organization: EntityModel;
  OrganizationConnection: ConnectionModel;
  OrganizationEdge: EntityEdgeModel;
  OrganizationWhere: OrganizationWhere;
  PageInfo: PageInfo;
  Path: PathModel;
  Person: EntityModel;
  PersonConnection: ConnectionModel;
  PersonEdge: EntityEdgeModel;
  PersonWhere: PersonWhere;
  Query: Record<PropertyKey, never>;
  ReconcileCandidate: ReconcileCandidateModel;
  ReconcileProperty: ReconcileProperty;
  ReconcileQuery: ReconcileQuery;
  ReconcileResult: ReconcileResultModel;
  RelatedCountry: RelatedModel;
  RelatedEntity: RelatedModel;
  RelatedOrganization: RelatedModel;
  RelatedPerson: RelatedModel;
  RelatedTreaty: RelatedModel;
  Relation: RelationModel;
  RevertChange: RevertChange;
  RevertConflict: ConflictRecord;
  RevertReport: RevertOutcome;
  SeedCounts: SeedCounts;
  SeedError: SeedError;
  SeedReport: LoadReport;
  Source: SourceModel;
  String: Scalars['String']['output'];
  Subgraph: SubgraphModel;
  Subscription: Record<PropertyKey, never>;
  Treaty: EntityModel;
  TreatyConnection: ConnectionModel;
  TreatyEdge: EntityEdgeModel;
  TreatyOrder: TreatyOrder;
  TreatyWhere: TreatyWhere;
};

export type ChangeConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChangeConnection'] = ResolversParentTypes['ChangeConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ChangeEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ChangeEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChangeEdge'] = ResolversParentTypes['ChangeEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['LoadChange'], ParentType, ContextType>;
};

export type ChangeEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChangeEvent'] = ResolversParentTypes['ChangeEvent']> = {
  change?: Resolver<Maybe<ResolversTypes['LoadChange']>, ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  summary?: Resolver<Maybe<ResolversTypes['Load']>, ParentType, ContextType>;
};

export type CitationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Citation'] = ResolversParentTypes['Citation']> = {
  quote?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Source'], ParentType, ContextType>;
};

export type ConflictResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Conflict'] = ResolversParentTypes['Conflict']> = {
  facts?: Resolver<Array<ResolversTypes['Relation']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kinds?: Resolver<Array<ResolversTypes['ConflictKind']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ConflictConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConflictConnection'] = ResolversParentTypes['ConflictConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ConflictEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ConflictEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConflictEdge'] = ResolversParentTypes['ConflictEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Conflict'], ParentType, ContextType>;
};

export type CountryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Country'] = ResolversParentTypes['Country']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  capitals?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  history?: Resolver<ResolversTypes['LoadChangeConnection'], ParentType, ContextType, Partial<CountryHistoryArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  iso2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  iso3?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EntityKind'], ParentType, ContextType>;
  memberships?: Resolver<Array<ResolversTypes['RelatedOrganization']>, ParentType, ContextType, RequireFields<CountryMembershipsArgs, 'rank'>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  neighbors?: Resolver<Array<ResolversTypes['RelatedCountry']>, ParentType, ContextType, RequireFields<CountryNeighborsArgs, 'rank'>>;
  officials?: Resolver<Array<ResolversTypes['RelatedPerson']>, ParentType, ContextType, RequireFields<CountryOfficialsArgs, 'rank'>>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  relations?: Resolver<Array<ResolversTypes['Relation']>, ParentType, ContextType, RequireFields<CountryRelationsArgs, 'direction' | 'first' | 'rank'>>;
  subregion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  treaties?: Resolver<Array<ResolversTypes['RelatedTreaty']>, ParentType, ContextType, RequireFields<CountryTreatiesArgs, 'rank'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CountryConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CountryConnection'] = ResolversParentTypes['CountryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CountryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CountryEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CountryEdge'] = ResolversParentTypes['CountryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Country'], ParentType, ContextType>;
};

export type EntityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Entity'] = ResolversParentTypes['Entity']> = {
  __resolveType: TypeResolveFn<'Country' | 'Organization' | 'Person' | 'Treaty', ParentType, ContextType>;
};

export type FacetResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Facet'] = ResolversParentTypes['Facet']> = {
  buckets?: Resolver<Array<ResolversTypes['FacetBucket']>, ParentType, ContextType>;
  dimension?: Resolver<ResolversTypes['FacetDimension'], ParentType, ContextType>;
  missingCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  otherCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FacetBucketResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FacetBucket'] = ResolversParentTypes['FacetBucket']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LoadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Load'] = ResolversParentTypes['Load']> = {
  changes?: Resolver<ResolversTypes['LoadChangeConnection'], ParentType, ContextType, Partial<LoadChangesArgs>>;
  commitSequence?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  created?: Resolver<ResolversTypes['SeedCounts'], ParentType, ContextType>;
  deleted?: Resolver<ResolversTypes['SeedCounts'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inputs?: Resolver<Array<ResolversTypes['LoadInput']>, ParentType, ContextType>;
  principal?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revertedBy?: Resolver<Maybe<ResolversTypes['Load']>, ParentType, ContextType>;
  reverts?: Resolver<Maybe<ResolversTypes['Load']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['LoadStatus'], ParentType, ContextType>;
  streamed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['SeedCounts'], ParentType, ContextType>;
  updated?: Resolver<ResolversTypes['SeedCounts'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type LoadChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LoadChange'] = ResolversParentTypes['LoadChange']> = {
  action?: Resolver<ResolversTypes['ChangeAction'], ParentType, ContextType>;
  after?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  category?: Resolver<ResolversTypes['RecordCategory'], ParentType, ContextType>;
  load?: Resolver<ResolversTypes['Load'], ParentType, ContextType>;
  recordId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LoadChangeConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LoadChangeConnection'] = ResolversParentTypes['LoadChangeConnection']> = {
  edges?: Resolver<Array<ResolversTypes['LoadChangeEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LoadChangeEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LoadChangeEdge'] = ResolversParentTypes['LoadChangeEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['LoadChange'], ParentType, ContextType>;
};

export type LoadConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LoadConnection'] = ResolversParentTypes['LoadConnection']> = {
  edges?: Resolver<Array<ResolversTypes['LoadEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LoadEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LoadEdge'] = ResolversParentTypes['LoadEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Load'], ParentType, ContextType>;
};

export type LoadInputResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LoadInput'] = ResolversParentTypes['LoadInput']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  loadSeed?: Resolver<ResolversTypes['SeedReport'], ParentType, ContextType, RequireFields<MutationLoadSeedArgs, 'document' | 'dryRun'>>;
  rankFact?: Resolver<ResolversTypes['Load'], ParentType, ContextType, RequireFields<MutationRankFactArgs, 'id' | 'rank'>>;
  rankFacts?: Resolver<ResolversTypes['Load'], ParentType, ContextType, RequireFields<MutationRankFactsArgs, 'ids' | 'rank'>>;
  retractFact?: Resolver<ResolversTypes['Load'], ParentType, ContextType, RequireFields<MutationRetractFactArgs, 'id' | 'reason'>>;
  retractFacts?: Resolver<ResolversTypes['Load'], ParentType, ContextType, RequireFields<MutationRetractFactsArgs, 'ids' | 'reason'>>;
  revertLoad?: Resolver<ResolversTypes['RevertReport'], ParentType, ContextType, RequireFields<MutationRevertLoadArgs, 'dryRun' | 'force' | 'id'>>;
};

export type NodeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'Country' | 'Load' | 'Organization' | 'Person' | 'Relation' | 'Source' | 'Treaty', ParentType, ContextType>;
};

export type OrganizationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  history?: Resolver<ResolversTypes['LoadChangeConnection'], ParentType, ContextType, Partial<OrganizationHistoryArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EntityKind'], ParentType, ContextType>;
  leaders?: Resolver<Array<ResolversTypes['RelatedEntity']>, ParentType, ContextType, RequireFields<OrganizationLeadersArgs, 'rank'>>;
  members?: Resolver<Array<ResolversTypes['RelatedEntity']>, ParentType, ContextType, RequireFields<OrganizationMembersArgs, 'rank'>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  relations?: Resolver<Array<ResolversTypes['Relation']>, ParentType, ContextType, RequireFields<OrganizationRelationsArgs, 'direction' | 'first' | 'rank'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type OrganizationConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['OrganizationConnection'] = ResolversParentTypes['OrganizationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['OrganizationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OrganizationEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['OrganizationEdge'] = ResolversParentTypes['OrganizationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PathResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Path'] = ResolversParentTypes['Path']> = {
  edges?: Resolver<Array<ResolversTypes['Relation']>, ParentType, ContextType>;
  length?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Entity']>, ParentType, ContextType>;
};

export type PersonResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  history?: Resolver<ResolversTypes['LoadChangeConnection'], ParentType, ContextType, Partial<PersonHistoryArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EntityKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  positions?: Resolver<Array<ResolversTypes['RelatedEntity']>, ParentType, ContextType, RequireFields<PersonPositionsArgs, 'rank'>>;
  relations?: Resolver<Array<ResolversTypes['Relation']>, ParentType, ContextType, RequireFields<PersonRelationsArgs, 'direction' | 'first' | 'rank'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PersonConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PersonConnection'] = ResolversParentTypes['PersonConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PersonEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PersonEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PersonEdge'] = ResolversParentTypes['PersonEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Person'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  changes?: Resolver<ResolversTypes['ChangeConnection'], ParentType, ContextType, Partial<QueryChangesArgs>>;
  conflicts?: Resolver<ResolversTypes['ConflictConnection'], ParentType, ContextType, Partial<QueryConflictsArgs>>;
  countries?: Resolver<ResolversTypes['CountryConnection'], ParentType, ContextType, Partial<QueryCountriesArgs>>;
  entity?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType, RequireFields<QueryEntityArgs, 'id'>>;
  facets?: Resolver<Array<ResolversTypes['Facet']>, ParentType, ContextType, RequireFields<QueryFacetsArgs, 'by' | 'top'>>;
  load?: Resolver<Maybe<ResolversTypes['Load']>, ParentType, ContextType, RequireFields<QueryLoadArgs, 'id'>>;
  loads?: Resolver<ResolversTypes['LoadConnection'], ParentType, ContextType, Partial<QueryLoadsArgs>>;
  neighborhood?: Resolver<ResolversTypes['Subgraph'], ParentType, ContextType, RequireFields<QueryNeighborhoodArgs, 'depth' | 'id' | 'limit' | 'rank'>>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  organizations?: Resolver<ResolversTypes['OrganizationConnection'], ParentType, ContextType, Partial<QueryOrganizationsArgs>>;
  paths?: Resolver<Array<ResolversTypes['Path']>, ParentType, ContextType, RequireFields<QueryPathsArgs, 'first' | 'fromId' | 'maxHops' | 'rank' | 'toId'>>;
  people?: Resolver<ResolversTypes['PersonConnection'], ParentType, ContextType, Partial<QueryPeopleArgs>>;
  reconcile?: Resolver<Array<ResolversTypes['ReconcileResult']>, ParentType, ContextType, RequireFields<QueryReconcileArgs, 'queries'>>;
  relationTypes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  search?: Resolver<Array<ResolversTypes['Entity']>, ParentType, ContextType, RequireFields<QuerySearchArgs, 'first' | 'text'>>;
  timeline?: Resolver<Array<ResolversTypes['Relation']>, ParentType, ContextType, RequireFields<QueryTimelineArgs, 'id' | 'rank'>>;
  treaties?: Resolver<ResolversTypes['TreatyConnection'], ParentType, ContextType, Partial<QueryTreatiesArgs>>;
};

export type ReconcileCandidateResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ReconcileCandidate'] = ResolversParentTypes['ReconcileCandidate']> = {
  entity?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  match?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  matchedName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ReconcileResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ReconcileResult'] = ResolversParentTypes['ReconcileResult']> = {
  candidates?: Resolver<Array<ResolversTypes['ReconcileCandidate']>, ParentType, ContextType>;
  query?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RelatedCountryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RelatedCountry'] = ResolversParentTypes['RelatedCountry']> = {
  country?: Resolver<ResolversTypes['Country'], ParentType, ContextType>;
  relation?: Resolver<ResolversTypes['Relation'], ParentType, ContextType>;
};

export type RelatedEntityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RelatedEntity'] = ResolversParentTypes['RelatedEntity']> = {
  entity?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  relation?: Resolver<ResolversTypes['Relation'], ParentType, ContextType>;
};

export type RelatedOrganizationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RelatedOrganization'] = ResolversParentTypes['RelatedOrganization']> = {
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  relation?: Resolver<ResolversTypes['Relation'], ParentType, ContextType>;
};

export type RelatedPersonResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RelatedPerson'] = ResolversParentTypes['RelatedPerson']> = {
  person?: Resolver<ResolversTypes['Person'], ParentType, ContextType>;
  relation?: Resolver<ResolversTypes['Relation'], ParentType, ContextType>;
};

export type RelatedTreatyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RelatedTreaty'] = ResolversParentTypes['RelatedTreaty']> = {
  relation?: Resolver<ResolversTypes['Relation'], ParentType, ContextType>;
  treaty?: Resolver<ResolversTypes['Treaty'], ParentType, ContextType>;
};

export type RelationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Relation'] = ResolversParentTypes['Relation']> = {
  citations?: Resolver<Array<ResolversTypes['Citation']>, ParentType, ContextType>;
  endDate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  history?: Resolver<ResolversTypes['LoadChangeConnection'], ParentType, ContextType, Partial<RelationHistoryArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quotes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rank?: Resolver<ResolversTypes['Rank'], ParentType, ContextType>;
  rankReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['Source']>, ParentType, ContextType>;
  startDate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  summary?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RevertChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RevertChange'] = ResolversParentTypes['RevertChange']> = {
  action?: Resolver<ResolversTypes['ChangeAction'], ParentType, ContextType>;
  category?: Resolver<ResolversTypes['RecordCategory'], ParentType, ContextType>;
  recordId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type RevertConflictResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RevertConflict'] = ResolversParentTypes['RevertConflict']> = {
  category?: Resolver<ResolversTypes['RecordCategory'], ParentType, ContextType>;
  loads?: Resolver<Array<ResolversTypes['Load']>, ParentType, ContextType>;
  recordId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type RevertReportResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RevertReport'] = ResolversParentTypes['RevertReport']> = {
  changeCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  changes?: Resolver<Array<ResolversTypes['RevertChange']>, ParentType, ContextType>;
  conflicts?: Resolver<Array<ResolversTypes['RevertConflict']>, ParentType, ContextType>;
  created?: Resolver<ResolversTypes['SeedCounts'], ParentType, ContextType>;
  deleted?: Resolver<ResolversTypes['SeedCounts'], ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  load?: Resolver<Maybe<ResolversTypes['Load']>, ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reverted?: Resolver<ResolversTypes['Load'], ParentType, ContextType>;
  updated?: Resolver<ResolversTypes['SeedCounts'], ParentType, ContextType>;
};

export type SeedCountsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SeedCounts'] = ResolversParentTypes['SeedCounts']> = {
  entities?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  facts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sources?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SeedErrorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SeedError'] = ResolversParentTypes['SeedError']> = {
  file?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SeedReportResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SeedReport'] = ResolversParentTypes['SeedReport']> = {
  created?: Resolver<ResolversTypes['SeedCounts'], ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['SeedError']>, ParentType, ContextType>;
  loadId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['SeedCounts'], ParentType, ContextType>;
  updated?: Resolver<ResolversTypes['SeedCounts'], ParentType, ContextType>;
};

export type SourceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Source'] = ResolversParentTypes['Source']> = {
  history?: Resolver<ResolversTypes['LoadChangeConnection'], ParentType, ContextType, Partial<SourceHistoryArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  publishedOn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  publisher?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  section?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SubgraphResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Subgraph'] = ResolversParentTypes['Subgraph']> = {
  edges?: Resolver<Array<ResolversTypes['Relation']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Entity']>, ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  changes?: SubscriptionResolver<ResolversTypes['ChangeEvent'], "changes", ParentType, ContextType, Partial<SubscriptionChangesArgs>>;
};

export type TreatyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Treaty'] = ResolversParentTypes['Treaty']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  clauses?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  durationYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  history?: Resolver<ResolversTypes['LoadChangeConnection'], ParentType, ContextType, Partial<TreatyHistoryArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EntityKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parties?: Resolver<Array<ResolversTypes['RelatedEntity']>, ParentType, ContextType, RequireFields<TreatyPartiesArgs, 'rank'>>;
  relations?: Resolver<Array<ResolversTypes['Relation']>, ParentType, ContextType, RequireFields<TreatyRelationsArgs, 'direction' | 'first' | 'rank'>>;
  signedOn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TreatyStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TreatyConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TreatyConnection'] = ResolversParentTypes['TreatyConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TreatyEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TreatyEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TreatyEdge'] = ResolversParentTypes['TreatyEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Treaty'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  ChangeConnection?: ChangeConnectionResolvers<ContextType>;
  ChangeEdge?: ChangeEdgeResolvers<ContextType>;
  ChangeEvent?: ChangeEventResolvers<ContextType>;
  Citation?: CitationResolvers<ContextType>;
  Conflict?: ConflictResolvers<ContextType>;
  ConflictConnection?: ConflictConnectionResolvers<ContextType>;
  ConflictEdge?: ConflictEdgeResolvers<ContextType>;
  Country?: CountryResolvers<ContextType>;
  CountryConnection?: CountryConnectionResolvers<ContextType>;
  CountryEdge?: CountryEdgeResolvers<ContextType>;
  Entity?: EntityResolvers<ContextType>;
  Facet?: FacetResolvers<ContextType>;
  FacetBucket?: FacetBucketResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Load?: LoadResolvers<ContextType>;
  LoadChange?: LoadChangeResolvers<ContextType>;
  LoadChangeConnection?: LoadChangeConnectionResolvers<ContextType>;
  LoadChangeEdge?: LoadChangeEdgeResolvers<ContextType>;
  LoadConnection?: LoadConnectionResolvers<ContextType>;
  LoadEdge?: LoadEdgeResolvers<ContextType>;
  LoadInput?: LoadInputResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  Organization?: OrganizationResolvers<ContextType>;
  OrganizationConnection?: OrganizationConnectionResolvers<ContextType>;
  OrganizationEdge?: OrganizationEdgeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Path?: PathResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  PersonConnection?: PersonConnectionResolvers<ContextType>;
  PersonEdge?: PersonEdgeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReconcileCandidate?: ReconcileCandidateResolvers<ContextType>;
  ReconcileResult?: ReconcileResultResolvers<ContextType>;
  RelatedCountry?: RelatedCountryResolvers<ContextType>;
  RelatedEntity?: RelatedEntityResolvers<ContextType>;
  RelatedOrganization?: RelatedOrganizationResolvers<ContextType>;
  RelatedPerson?: RelatedPersonResolvers<ContextType>;
  RelatedTreaty?: RelatedTreatyResolvers<ContextType>;
  Relation?: RelationResolvers<ContextType>;
  RevertChange?: RevertChangeResolvers<ContextType>;
  RevertConflict?: RevertConflictResolvers<ContextType>;
  RevertReport?: RevertReportResolvers<ContextType>;
  SeedCounts?: SeedCountsResolvers<ContextType>;
  SeedError?: SeedErrorResolvers<ContextType>;
  SeedReport?: SeedReportResolvers<ContextType>;
  Source?: SourceResolvers<ContextType>;
  Subgraph?: SubgraphResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Treaty?: TreatyResolvers<ContextType>;
  TreatyConnection?: TreatyConnectionResolvers<ContextType>;
  TreatyEdge?: TreatyEdgeResolvers<ContextType>;
};

