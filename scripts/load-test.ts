import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

/**
 * `npx tsx scripts/load-test.ts [--url U] [--connections N] [--duration S]`: runs a dashboard's mix of queries at a
 * fixed concurrency for a fixed time against a running server (`npm start`), then reports throughput, latency
 * percentiles and errors (HTTP, GraphQL, timeouts). Exits 1 on any error: zero errors is the bar.
 * Only loopback addresses are accepted: it is a load test of this machine's server, never of anything else.
 */

const USAGE = `usage: npx tsx scripts/load-test.ts [--url http://127.0.0.1:4000/graphql] [--connections 16] [--duration 30] [--warmup 5]`;

interface Operation {
  name: string;
  /** Share of the mix. */
  weight: number;
  query: string;
  variables: () => Record<string, unknown>;
}

const COUNTRIES = ['IRN', 'RUS', 'CHN', 'USA', 'FRA', 'DEU', 'GBR', 'IND', 'PAK', 'TUR', 'IRQ', 'AFG', 'SAU', 'KAZ', 'BRA', 'EGY'];
const SEARCHES = ['iran', 'russia', 'shanghai coop', 'khamenei', 'nuclear deal', 'china', 'united', 'korea', 'türkiye', 'saudi'];
const REGIONS = ['Asia', 'Europe', 'Africa', 'Americas', 'Oceania'];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const country = (): string => `country:${pick(COUNTRIES)}`;

/** What a dashboard sends: cards, lists, search-as-you-type, graph views, paths and timelines. */
const MIX: Operation[] = [
  {
    name: 'CountryCard',
    weight: 25,
    query: `query CountryCard($id: ID!) { entity(id: $id) { id name aliases description ... on Country { iso2 region capitals
      memberships { organization { id name } relation { startDate status } }
      neighbors { country { id name } } officials { person { name } relation { role } } }
      relations(first: 10) { id type summary from { id name } to { id name } citations { source { title } quote } } } }`,
    variables: () => ({ id: country() }),
  },
  {
    name: 'Search',
    weight: 25,
    query: `query Search($text: String!) { search(text: $text, first: 10) { id kind name } }`,
    variables: () => ({ text: pick(SEARCHES) }),
  },
  {
    name: 'CountryList',
    weight: 15,
    query: `query CountryList($region: String) { countries(first: 25, where: { region: $region }) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name iso2 subregion capitals } } } }`,
    variables: () => ({ region: pick(REGIONS) }),
  },
  {
    name: 'Neighborhood',
    weight: 15,
    query: `query Neighborhood($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) {
      nodes { id kind name } edges { id type from { id } to { id } } } }`,
    variables: () => ({ id: pick(['country:IRN', 'org:sco', 'treaty:jcpoa', 'country:RUS']) }),
  },
  {
    name: 'Paths',
    weight: 8,
    query: `query Paths($from: ID!, $to: ID!) { paths(fromId: $from, toId: $to, maxHops: 4, first: 3) {
      length nodes { id name } edges { type summary } } }`,
    variables: () => ({ from: country(), to: pick(['org:sco', 'country:CHN', 'treaty:jcpoa']) }),
  },
  {
    name: 'Timeline',
    weight: 7,
    query: `query Timeline($id: ID!) { timeline(id: $id) { id type startDate endDate summary from { name } to { name } } }`,
    variables: () => ({ id: pick(['country:IRN', 'country:USA', 'org:sco', 'treaty:jcpoa']) }),
  },
  {
    name: 'Treaties',
    weight: 5,
    query: `query Treaties { treaties(first: 10, orderBy: { field: SIGNED_ON, direction: DESC }) {
      edges { node { id name status signedOn parties { entity { id name } relation { status } } } } } }`,
    variables: () => ({}),
  },
];

function chooseOperation(): Operation {
  const total = MIX.reduce((n, op) => n + op.weight, 0);
  let roll = Math.random() * total;
  for (const op of MIX) {
    roll -= op.weight;
    if (roll < 0) return op;
  }
  return MIX[0]!;
}

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

interface Tally {
  sent: Map<string, number>;
  graphqlErrors: Map<string, number>;
  samples: string[];
}

async function run(url: URL, connections: number, seconds: number, tally: Tally | undefined): Promise<autocannon.Result> {
  return autocannon({
    url: url.toString(),
    connections,
    duration: seconds,
    timeout: 10,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    requests: [
      {
        setupRequest: (request) => {
          const op = chooseOperation();
          tally?.sent.set(op.name, (tally.sent.get(op.name) ?? 0) + 1);
          return { ...request, body: JSON.stringify({ operationName: op.name, query: op.query, variables: op.variables() }) };
        },
        onResponse: (status, body) => {
          if (!tally || status !== 200) return;
          let code: unknown;
          try {
            const parsed = JSON.parse(body) as { errors?: Array<{ extensions?: { code?: unknown } }> };
            if (!parsed.errors?.length) return;
            code = parsed.errors[0]?.extensions?.code;
          } catch {
            code = 'INVALID_JSON';
          }
          const name = typeof code === 'string' ? code : 'UNKNOWN';
          tally.graphqlErrors.set(name, (tally.graphqlErrors.get(name) ?? 0) + 1);
          if (tally.samples.length < 5) tally.samples.push(body.slice(0, 300));
        },
      },
    ],
  });
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
        connections: { type: 'string', default: '16' },
        duration: { type: 'string', default: '30' },
        warmup: { type: 'string', default: '5' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const url = new URL(values.url);
  const connections = Number(values.connections);
  const duration = Number(values.duration);
  const warmup = Number(values.warmup);
  if (!isLoopback(url)) {
    console.error(`load-test: ${url.hostname} is not a loopback address; this script only loads a server on this machine`);
    return 2;
  }
  if (![connections, duration, warmup].every((n) => Number.isInteger(n) && n >= 0) || connections < 1 || duration < 1 || duration > 600) {
    console.error(`load-test: --connections must be >= 1 and --duration 1-600 seconds\n${USAGE}`);
    return 2;
  }
  const ready = await fetch(new URL('/ready', url)).catch(() => undefined);
  if (ready?.status !== 200) {
    console.error(`load-test: ${new URL('/ready', url).toString()} is not 200; start the server first (npm start)`);
    return 2;
  }
  if (warmup > 0) {
    console.log(`warming up for ${warmup} s…`);
    await run(url, connections, warmup, undefined);
  }
  console.log(`running the dashboard mix: ${connections} connections for ${duration} s against ${url.toString()}`);
  const tally: Tally = { sent: new Map(), graphqlErrors: new Map(), samples: [] };
  const result = await run(url, connections, duration, tally);
  const graphqlErrors = [...tally.graphqlErrors.values()].reduce((n, c) => n + c, 0);
  const errors = result.errors + result.timeouts + result.non2xx + graphqlErrors;
  const lat = result.latency;
  const lines = [
    `requests:    ${result.requests.total} in ${result.duration.toFixed(1)} s`,
    `throughput:  ${result.requests.average.toFixed(1)} req/s (min ${result.requests.min}, max ${result.requests.max} per second)`,
    `latency ms:  p50 ${lat.p50}  p90 ${lat.p90}  p97.5 ${lat.p97_5}  p99 ${lat.p99}  max ${lat.max}  (mean ${lat.average.toFixed(1)})`,
    `errors:      ${errors} (connection ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, GraphQL ${graphqlErrors})`,
    `mix:         ${MIX.map((op) => `${op.name} ${tally.sent.get(op.name) ?? 0}`).join(', ')}`,
  ];
  if (graphqlErrors > 0) lines.push(`GraphQL errors by code: ${JSON.stringify(Object.fromEntries(tally.graphqlErrors))}`, ...tally.samples);
  console.log(lines.join('\n'));
  return errors === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
