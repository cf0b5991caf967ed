/**
 * The requests the benchmark measures (issue 7). `path` returns the URL path to measure, found on
 * the loaded data, or null when the route is not there.
 */
const CHAIN = 'clean-energy';
const YEAR = 2025;
const MONTH = 10;
/** Two filters and a text search: the largest chain's active projects whose name has 电. */
const LIST = `/api/projects?chain=${CHAIN}&status=active&q=${encodeURIComponent('电')}&limit=20`;

async function getJson(base, session, path) {
  const res = await fetch(base + path, { headers: { cookie: session.cookie } });
  if (res.status === 404) return null;
  if (res.status >= 400) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Search that finds (issue 20 §5): two words in any order, ranked; and the shell's search box. */
const SEARCH = `/api/projects?q=${encodeURIComponent('电站 储能')}&sort=relevance&limit=20`;

export const scenarios = [
  // `cached`: answered from AnswerCache while the data version stands (issue 23 §2); measured
  // against the floor of a cache read, with the cost of a miss measured beside it.
  { name: 'board', title: "Chain board (largest chain)", cached: true, path: async () => `/api/chains/${CHAIN}/board` },
  { name: 'list-p1', title: 'Project list, 2 filters + search, page 1', path: async () => LIST },
  {
    name: 'list-p200',
    title: 'Project list, 2 filters + search, page 200',
    path: async ({ base, session }) => {
      let cursor = null;
      for (let page = 1; page < 200; page++) {
        const body = await getJson(base, session, cursor ? `${LIST}&cursor=${encodeURIComponent(cursor)}` : LIST);
        cursor = body?.nextCursor;
        if (!cursor) return null;
      }
      return `${LIST}&cursor=${encodeURIComponent(cursor)}`;
    },
  },
  { name: 'search', title: 'Project list, two-word search ranked, page 1', path: async () => SEARCH },
  { name: 'global-search', title: 'Global search box (projects, firms, contacts, events)', path: async () => `/api/search?q=${encodeURIComponent('储能电站')}` },
  { name: 'events', title: "Promotion events of the year with totals", path: async () => `/api/events?year=${YEAR}` },
  {
    name: 'detail',
    title: 'Project detail with timeline',
    path: async ({ base, session }) => {
      // A project in production: the longest history.
      const body = await getJson(base, session, `/api/projects?chain=${CHAIN}&stage=production&limit=1`);
      return body?.items?.[0] ? `/api/projects/${body.items[0].id}` : null;
    },
  },
  {
    name: 'firm',
    title: 'Firm page (企业全景)',
    path: async ({ base, session }) => {
      // A producing project's investor when the data link one (the synthetic city names its
      // investors without linking them to 企业库), else the first firm of a search.
      const producing = await getJson(base, session, `/api/projects?chain=${CHAIN}&stage=production&limit=20`);
      const linked = producing?.items?.find((p) => p.investor?.enterpriseId)?.investor.enterpriseId;
      const firm = linked ?? (await getJson(base, session, `/api/enterprises?q=${encodeURIComponent('科技')}&limit=1`))?.items?.[0]?.id;
      return firm ? `/api/enterprises/${firm}/overview` : null;
    },
  },
  {
    name: 'cockpit',
    title: 'City cockpit',
    cached: true,
    path: async ({ base, session }) => ((await getJson(base, session, `/api/cockpit?year=${YEAR}&month=${MONTH}`)) ? `/api/cockpit?year=${YEAR}&month=${MONTH}` : null),
  },
  {
    name: 'leader',
    title: "Chain leader page",
    cached: true,
    path: async ({ base, session }) => {
      const path = `/api/cockpit/chains/${CHAIN}?year=${YEAR}&month=${MONTH}`;
      return (await getJson(base, session, path)) ? path : null;
    },
  },
];
