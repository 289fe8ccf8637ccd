/**
 * Ready-made operations answering the article's questions, opened as the playground's first tabs and listed
 * in its Examples panel. Each is a named operation so the tab shows its name; tests run every one of them.
 */
export interface ExampleOperation {
  /** The operation's name, also the tab's title. */
  name: string;
  /** The question it answers, shown in the Examples panel. */
  question: string;
  query: string;
  /** The variables editor's content, as JSON text. */
  variables?: string;
}

export const EXAMPLES: readonly ExampleOperation[] = [
  {
    name: 'IranAgreements',
    question: "Iran's agreements: where each stands, who the parties are and what the sources say.",
    query: `# Every treaty Iran is a party to:
# where it stands, Iran's status in it,
# the other parties, the sources' quotes.
# Try $country = "country:CHN" too.
query IranAgreements($country: ID!) {
  entity(id: $country) {
    id
    name
    ... on Country {
      treaties {
        treaty {
          name
          status
          signedOn
          durationYears
          clauses
          parties {
            entity { name }
            relation { status }
          }
        }
        relation {
          status
          startDate
          citations {
            quote
            source { title publishedOn }
          }
        }
      }
    }
  }
}
`,
    variables: `{ "country": "country:IRN" }`,
  },
  {
    name: 'ArticleOrganizations',
    question: 'The organizations in the article (the SCO, the "East axis"): their members and leaders.',
    query: `# Who leads each organization, and its
# members with their status and date.
query ArticleOrganizations {
  organizations(
    where: { ids: ["org:sco", "org:east-axis"] }
  ) {
    totalCount
    edges {
      node {
        id
        name
        aliases
        leaders {
          entity { name }
          relation { type role }
        }
        members {
          entity { name kind }
          relation { status startDate }
        }
      }
    }
  }
}
`,
  },
  {
    name: 'IranToRussia',
    question: 'How Iran and Russia are connected: the paths between them, shortest first.',
    query: `# Direct facts first, then paths through
# an organization or a treaty.
query IranToRussia {
  paths(
    fromId: "country:IRN"
    toId: "country:RUS"
    maxHops: 2
    first: 8
  ) {
    length
    nodes { id name kind }
    edges {
      type
      status
      startDate
      from { name }
      to { name }
    }
  }
}
`,
  },
  {
    name: 'CountryTimeline',
    question: "A country's dated facts in order: Iran since the nuclear deal.",
    query: `# Dated facts, oldest first. $id can be any
# entity; $from and $to narrow the dates
# (ISO 8601: 2018, 2021-09, 2021-03-27).
query CountryTimeline($id: ID!, $from: String) {
  timeline(id: $id, from: $from) {
    startDate
    type
    status
    from { name }
    to { name }
    summary
  }
}
`,
    variables: `{ "id": "country:IRN", "from": "2015" }`,
  },
  {
    name: 'Search',
    question: 'Search names and aliases: case, accents and word prefixes do not matter.',
    query: `# Try "khamenei", "Iran" or "shanghai coop".
query Search($text: String!) {
  search(text: $text, first: 10) {
    id
    kind
    name
    aliases
    description
  }
}
`,
    variables: `{ "text": "shanghai coop" }`,
  },
  {
    name: 'WhoSaidSo',
    question: "What Iran's foreign ministry spokesman stated and announced, with the article's quotes.",
    query: `# Facts with their citations: each quote
# with the source it comes from.
query WhoSaidSo($person: ID!) {
  entity(id: $person) {
    name
    ... on Person {
      positions {
        entity { name }
        relation { role }
      }
    }
    relations(types: ["STATED", "ANNOUNCED"]) {
      type
      to { name }
      summary
      citations {
        quote
        source { title publisher publishedOn url }
      }
    }
  }
}
`,
    variables: `{ "person": "person:saeed-khatibzadeh" }`,
  },
  {
    name: 'IranFacets',
    question: "Iran's facts counted by type, year, status, the other end's kind and partner: a dashboard's numbers in one round trip.",
    query: `# Counts, not facts: each facet has its largest
# buckets, the total, and what falls outside them.
# The same at a date: add "asOf": "2019" to $where;
# around Iran: "depth": 2. See it drawn at /dashboard.
query IranFacets($where: FacetWhere) {
  facets(
    where: $where
    by: [FACT_TYPE, YEAR, STATUS, OTHER_KIND, OTHER_ENTITY, SOURCE]
    top: 5
  ) {
    dimension
    total
    buckets { value label count }
    otherCount
    missingCount
  }
}
`,
    variables: `{ "where": { "entity": "country:IRN" } }`,
  },
  {
    name: 'RecentLoads',
    question: 'What did the latest loads change, who made them, and from which files?',
    query: `# The load ledger: every write is a load.
# Newest first, with its inputs and the first
# changes, each with its state before and after.
# To undo one (needs the seed:write scope):
#   mutation { revertLoad(id: "load:…", dryRun: true)
#     { ok conflicts { recordId loads { id } } changeCount } }
query RecentLoads {
  loads(first: 5) {
    edges {
      node {
        id
        status
        principal
        startedAt
        finishedAt
        inputs { name sha256 records }
        created { entities facts sources }
        updated { entities facts sources }
        changes(first: 3) {
          edges { node { recordId category action before after } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    name: 'WhoLoadedThis',
    question: "Iran's revisions: which load created or changed it, when and by whom.",
    query: `# history is on every entity type, on
# Relation and on Source: newest first.
query WhoLoadedThis($country: ID!) {
  entity(id: $country) {
    name
    ... on Country {
      history(first: 5) {
        edges {
          node {
            action
            before
            after
            load { id principal startedAt inputs { name } }
          }
        }
      }
    }
  }
}
`,
    variables: `{ "country": "country:IRN" }`,
  },
  {
    name: 'IranChanges',
    question: 'What changed about Iran, load by load: each change with its state right after it.',
    query: `# The change feed: committed changes in commit
# order, oldest first (running, failed and reverted
# loads left out). after is the record right after
# the change, not as it is today. Page on with
# after: pageInfo.endCursor; an empty page keeps it.
query IranChanges($where: ChangeWhere, $after: String) {
  changes(where: $where, after: $after, first: 10) {
    edges {
      cursor
      node {
        recordId
        category
        action
        before
        after
        load { id principal finishedAt }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
    variables: `{ "where": { "entity": "country:IRN" } }`,
  },
  {
    name: 'LatestIranChanges',
    question: 'The latest changes to Iran and its facts: the newest first to come, then follow them live.',
    query: `# The newest changes, with last (no cursor):
# still oldest first in edges, as in any page.
# Page further back with before: startCursor
# while hasPreviousPage. endCursor is where the
# feed ended when read: subscribe from it (the
# LiveChanges tab, after: endCursor) to get
# every later change once.
query LatestIranChanges($where: ChangeWhere, $before: String) {
  changes(where: $where, last: 5, before: $before) {
    edges {
      cursor
      node {
        recordId
        category
        action
        after
        load { id principal finishedAt }
      }
    }
    pageInfo { hasPreviousPage startCursor endCursor }
  }
}
`,
    variables: `{ "where": { "entity": "country:IRN" } }`,
  },
  {
    name: 'LiveChanges',
    question: 'Live: each change to Iran and its facts as a load commits (run it, then load a seed file).',
    query: `# A subscription over graphql-ws on /graphql: it
# stays open and prints each change as its load
# commits (npm run seed -- <file> in a terminal).
# A load past CHANGE_FEED_SUMMARY_THRESHOLD changes
# comes as one summary. To resume after a break,
# subscribe again with after: the last cursor.
subscription LiveChanges($where: ChangeWhere, $after: String) {
  changes(where: $where, after: $after) {
    cursor
    change {
      recordId
      category
      action
      after
      load { id principal finishedAt }
    }
    summary { id created { entities facts sources } }
  }
}
`,
    variables: `{ "where": { "entity": "country:IRN" } }`,
  },
  {
    name: 'RanksAndRetractions',
    question: "Iran's treaty facts with every rank: deprecated (retracted) ones too, with their reasons.",
    query: `# Reads return the best-ranked facts by default
# (Wikidata's rule: the preferred facts of each
# subject and type if any, else the normal ones).
# rank: ALL shows deprecated facts, faded in /explore.
# Retract a fact (needs the seed:write token):
#   mutation { retractFact(id: "fact:…", reason: "…") { id status } }
# rankFacts(ids, rank, reason) sets any rank; both are
# loads of the ledger, so revertLoad puts them back.
query RanksAndRetractions($country: ID!) {
  entity(id: $country) {
    name
    best: relations(types: ["PARTY_TO"]) { id rank }
    all: relations(types: ["PARTY_TO"], rank: ALL) {
      id
      rank
      rankReason
      to { name }
      sources { title }
    }
  }
}
`,
    variables: `{ "country": "country:IRN" }`,
  },
  {
    name: 'SourcesDisagree',
    question: 'Where sources disagree: facts with the same subject, type and object whose status or dates differ.',
    query: `# Groups of best-ranked facts that disagree on
# status or dates while their periods overlap,
# newest evidence first. Empty when all agree.
query SourcesDisagree {
  conflicts(first: 10) {
    edges {
      node {
        from { name }
        type
        to { name }
        kinds
        facts { id status startDate endDate sources { title publishedOn } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    name: 'RetractAFact',
    question: 'Retract a fact with a reason (nothing is deleted), see who did it, and undo it.',
    query: `# Retracting deprecates a fact with a reason: it leaves
# default reads but stays readable with rank: ALL. Put the
# seed:write token in the Headers tab:
#   { "Authorization": "Bearer <token>" }
# then run one of these (each is one load of the ledger):
#   mutation { retractFact(id: "fact:iran-member-sco",
#     reason: "superseded by a later report") { id status } }
#   mutation { retractFacts(ids: ["fact:…", "fact:…"],
#     reason: "…") { id updated { facts } } }
#   mutation { rankFacts(ids: ["fact:…"], rank: PREFERRED,
#     reason: "primary source") { id } }
# and undo it with revertLoad(id: "load:…") { ok }.
# This query shows the fact, its rank and its revisions.
query RetractAFact($fact: ID!) {
  node(id: $fact) {
    ... on Relation {
      id
      type
      status
      rank
      rankReason
      from { name }
      to { name }
      history(first: 3) {
        edges { node { action before after load { id principal startedAt inputs { name } } } }
      }
    }
  }
}
`,
    variables: `{ "fact": "fact:iran-member-sco" }`,
  },
  {
    name: 'KnownOn',
    question: 'What the graph said about Iran at an earlier moment (knownAt), and what was true then (asOf).',
    query: `# knownAt: when we recorded it (reconstructed from
# the load ledger: later loads, retractions and
# reverts undone); asOf: when it was true in the
# world. Together: a bitemporal read. Set knownAt
# to a loads' finishedAt (RecentLoads) to see the
# graph just after it.
query KnownOn($country: ID!, $knownAt: String!) {
  entity(id: $country, knownAt: $knownAt) {
    name
    relations(asOf: "2021-10", first: 10) { id type status rank to { name } }
    ... on Country {
      memberships { organization { name } relation { status rank } }
    }
  }
  timeline(id: $country, knownAt: $knownAt, first: 5) { id type startDate }
  neighborhood(id: $country, knownAt: $knownAt, limit: 10) {
    nodes { id name }
    edges { type from { id } to { id } }
  }
}
`,
    variables: `{ "country": "country:IRN", "knownAt": "2100-01-01T00:00:00Z" }`,
  },
];
