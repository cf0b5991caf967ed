/**
 * Search that finds (issue 20 §5): the query is split on spaces into terms, each matched in any
 * order against project.search_doc (name, investor, location, 备注, contacts' names; lower-cased).
 * A term matches as a substring (a partial word: the trigram index), or — when it holds a run of
 * CJK characters — by most of that run's bigrams (two thirds, rounded up) found in search_grams
 * (the GIN array index), so "东出口储能" finds "…东出口200MW/800MWh共享储能…" though it is not a
 * substring. The rank: a term found whole counts 1, one found by its bigrams the share found, a
 * name that holds the whole query 1 more, and the name's trigram similarity to the query (0–1).
 */

const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]{2,}/g;
const MAX_TERMS = 8;

export interface SearchTerm {
  /** The term, lower-cased, LIKE-escaped. */
  like: string;
  /** Its CJK bigrams (distinct); empty when it has no CJK run of two characters or more. */
  grams: string[];
  /** How many of the grams must be present when the term is not found whole. */
  need: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The bigrams of a text's CJK runs, distinct, as cjk_bigrams() in SQL gives them. */
export function cjkBigrams(text: string): string[] {
  const grams = new Set<string>();
  for (const run of text.match(CJK_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  }
  return [...grams];
}

/** The query's terms: split on spaces (full-width too), at most eight, duplicates dropped. */
export function searchTerms(q: string | null | undefined): SearchTerm[] {
  const words = [...new Set((q ?? '').toLowerCase().split(/[\s\u3000]+/).filter((w) => w.length > 0))].slice(0, MAX_TERMS);
  return words.map((word) => {
    const grams = cjkBigrams(word);
    return { like: `%${escapeLike(word)}%`, grams, need: Math.ceil((grams.length * 2) / 3) };
  });
}

/** The WHERE conditions on a project aliased `p`, one per term (all must hold). `param` binds a value and returns its placeholder. */
export function projectSearchWhere(terms: SearchTerm[], param: (value: unknown) => string): string[] {
  return terms.map((term) => {
    const like = param(term.like);
    if (!term.grams.length) return `p.search_doc LIKE ${like}`;
    const grams = param(term.grams);
    // The && lets the GIN index narrow the rows before the bigrams are counted.
    return `(p.search_grams && ${grams}::text[] AND (p.search_doc LIKE ${like} OR ${gramsFound(grams)} >= ${param(term.need)}::int))`;
  });
}

/** How well a project matches the terms, rounded so a cursor carries it exactly (bind its values apart from the WHERE's). */
export function projectSearchRank(terms: SearchTerm[], param: (value: unknown) => string, q: string): string {
  const ranks = terms.map((term) => {
    // A term without CJK bigrams matched whole (the WHERE's LIKE): it counts 1, and binds nothing.
    if (!term.grams.length) return '1';
    const like = param(term.like);
    const grams = param(term.grams);
    return `CASE WHEN p.search_doc LIKE ${like} THEN 1 ELSE ${gramsFound(grams)}::numeric / ${param(term.grams.length)}::int END`;
  });
  const text = q.trim().toLowerCase();
  const whole = param(`%${escapeLike(text)}%`);
  // Ties are broken by how close the name is to the query as a whole (pg_trgm's similarity, 0 to 1).
  return `round(((${ranks.length ? ranks.join(' + ') : '0'}) + CASE WHEN lower(p.name) LIKE ${whole} THEN 1 ELSE 0 END
    + similarity(lower(p.name), ${param(text)}::text)::numeric), 4)`;
}

function gramsFound(grams: string): string {
  return `(SELECT count(*) FROM unnest(${grams}::text[]) g WHERE g = ANY (p.search_grams))`;
}
