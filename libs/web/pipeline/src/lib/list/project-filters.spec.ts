import { convertToParamMap } from '@angular/router';
import {
  DEFAULT_FILTERS,
  amountProblem,
  filtersFromParams,
  filtersToParams,
  toHttpParams,
  toListQuery,
  type ProjectFilters,
} from './project-filters';

const filters = (overrides: Partial<ProjectFilters> = {}): ProjectFilters => ({
  ...DEFAULT_FILTERS,
  ...overrides,
});

describe('project list filters → GET /api/projects query', () => {
  it('sends only the sort, the page size and the default statuses when nothing is chosen', () => {
    expect(toListQuery(filters())).toEqual({
      sort: 'updatedAt',
      order: 'desc',
      limit: 20,
      status: ['active', 'paused'],
    });
    expect(toHttpParams(toListQuery(filters())).toString()).toBe(
      'sort=updatedAt&order=desc&limit=20&status=active,paused',
    );
  });

  it('maps every filter to its API parameter', () => {
    const query = toListQuery(
      filters({
        chain: 'clean-energy',
        stages: ['negotiation', 'evaluation'],
        statuses: ['active'],
        unitId: 4,
        ownerId: '0b0e9d6c-3f7e-4c7b-9a0b-1c2d3e4f5a6b',
        minAmount: ' 1000 ',
        maxAmount: '500000.5',
        majorOnly: true,
        idleDays: 30,
        followUpDue: true,
        q: '  叶片 ',
        sort: 'amount',
        order: 'asc',
      }),
      'eyJzIjoiYW1vdW50In0',
    );
    expect(query).toEqual({
      chain: 'clean-energy',
      stage: ['negotiation', 'evaluation'],
      status: ['active'],
      unitId: 4,
      ownerId: '0b0e9d6c-3f7e-4c7b-9a0b-1c2d3e4f5a6b',
      minAmount: '1000',
      maxAmount: '500000.5',
      major: true,
      idleDays: 30,
      followUpDue: true,
      q: '叶片',
      sort: 'amount',
      order: 'asc',
      limit: 20,
      cursor: 'eyJzIjoiYW1vdW50In0',
    });
    const params = toHttpParams(query);
    expect(params.get('stage')).toBe('negotiation,evaluation');
    expect(params.get('major')).toBe('true');
    expect(params.get('followUpDue')).toBe('true');
    expect(params.get('unitId')).toBe('4');
    expect(params.get('q')).toBe('叶片');
  });

  it('leaves out the status when every status (or none) is chosen: all projects', () => {
    expect(toListQuery(filters({ statuses: [] })).status).toBeUndefined();
    expect(toListQuery(filters({ statuses: ['active', 'paused', 'dropped'] })).status).toBeUndefined();
  });

  it('does not send amount bounds that are not valid 万元 amounts, or that cross', () => {
    expect(amountProblem({ minAmount: 'abc', maxAmount: '' })).toBe('min');
    expect(amountProblem({ minAmount: '', maxAmount: '-5' })).toBe('max');
    expect(amountProblem({ minAmount: '100.5', maxAmount: '100.4' })).toBe('range');
    expect(amountProblem({ minAmount: '0.1', maxAmount: '0.10' })).toBeNull();
    const query = toListQuery(filters({ minAmount: '100.5', maxAmount: '100.4' }));
    expect(query.minAmount).toBeUndefined();
    expect(query.maxAmount).toBeUndefined();
  });

  it('ignores an idle-days value below one day', () => {
    expect(toListQuery(filters({ idleDays: 0 })).idleDays).toBeUndefined();
  });

  it('keeps the filters in the URL and reads them back', () => {
    const chosen = filters({
      chain: 'metallurgy',
      stages: ['signed'],
      statuses: [],
      unitId: 7,
      minAmount: '10000',
      majorOnly: true,
      idleDays: 14,
      followUpDue: true,
      q: '碳酸锂',
      sort: 'name',
      order: 'asc',
    });
    const params = filtersToParams(chosen);
    expect(params).toEqual({
      chain: 'metallurgy',
      stage: 'signed',
      status: 'all',
      unit: 7,
      min: '10000',
      major: 1,
      idle: 14,
      due: 1,
      q: '碳酸锂',
      sort: 'name',
      order: 'asc',
    });
    const asStrings = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
    expect(filtersFromParams(convertToParamMap(asStrings))).toEqual(chosen);
    expect(filtersFromParams(convertToParamMap({}))).toEqual(DEFAULT_FILTERS);
  });

  it('drops unknown values found in a hand-edited URL', () => {
    const read = filtersFromParams(
      convertToParamMap({ chain: 'nowhere', stage: 'signed,bogus', min: '1e5', sort: 'drop table' }),
    );
    expect(read.chain).toBeNull();
    expect(read.stages).toEqual(['signed']);
    expect(read.minAmount).toBe('');
    expect(read.sort).toBe('updatedAt');
  });
});

describe('links from the cockpit (an API query in the URL)', () => {
  it('reads the API names of the filters and the cockpit-only filters, and sends them on', () => {
    const read = filtersFromParams(
      convertToParamMap({
        chain: 'culture-tourism',
        stage: 'signed,land,construction,production',
        status: 'all',
        unitId: '7',
        major: 'true',
        followUpDue: 'true',
        idleDays: '30',
        agreementFrom: '2025-01-01',
        agreementTo: '2025-06-30',
        fundsFrom: '2025-01',
        fundsTo: 'June',
        keyTaskId: '901',
        followUpOverdue: 'true',
        bigBy: '2025-06',
        stageSinceTo: '2025-01-01',
      }),
    );
    expect(read).toMatchObject({ chain: 'culture-tourism', statuses: [], unitId: 7, majorOnly: true, followUpDue: true, idleDays: 30 });
    // A malformed month (fundsTo) is left out rather than sent.
    expect(read.scope).toEqual({
      agreementFrom: '2025-01-01',
      agreementTo: '2025-06-30',
      fundsFrom: '2025-01',
      keyTaskId: 901,
      followUpOverdue: true,
      bigBy: '2025-06',
      stageSinceTo: '2025-01-01',
    });
    const query = toListQuery(read);
    expect(query).toMatchObject(read.scope);
    expect(query.status).toBeUndefined();
    // Kept in the page's own URL (as strings, as the router gives them), so reloads keep the same projects.
    const url = Object.fromEntries(Object.entries(filtersToParams(read)).map(([k, v]) => [k, String(v)]));
    expect(filtersFromParams(convertToParamMap(url))).toEqual(read);
  });

  it('drops the cockpit filters with the rest on reset', () => {
    expect(DEFAULT_FILTERS.scope).toEqual({});
    expect(toListQuery(filters())).not.toHaveProperty('bigBy');
  });
});
