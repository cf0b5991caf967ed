import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21 §3: existing sites (盘活存量). A project records how it gets its land: 新增供地 (a new
 * allocation, with its land approval), 既有用地 or 闲置厂房 (a site the firm holds or leases, proven
 * by its 产权证 or 租赁合同, with its area: 亩 for land, 平方米 for a plant). land_parcel stays the
 * site's name or address on every route. No route recorded (every project before this) is judged
 * as a new allocation, so no row is rewritten here. A title or lease belongs only to an existing
 * site, a plant's area only to a plant: the ProjectWriter clears them when the route changes.
 */
export class ExistingSites1765130000000 implements MigrationInterface {
  name = 'ExistingSites1765130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE project
        ADD COLUMN land_route varchar(16)
          CONSTRAINT project_land_route_check CHECK (land_route IN ('new-land', 'existing-site', 'idle-plant')),
        ADD COLUMN site_document_kind varchar(16)
          CONSTRAINT project_site_document_kind_check CHECK (site_document_kind IN ('property-title', 'lease')),
        ADD COLUMN site_document_ref varchar(100)
          CONSTRAINT project_site_document_ref_check CHECK (btrim(site_document_ref) <> ''),
        ADD COLUMN site_document_on date,
        ADD COLUMN plant_area_sqm numeric(20, 6)
          CONSTRAINT project_plant_area_sqm_check CHECK (plant_area_sqm > 0),
        ADD CONSTRAINT project_site_document_route_check CHECK (
          coalesce(land_route, 'new-land') IN ('existing-site', 'idle-plant')
          OR (site_document_kind IS NULL AND site_document_ref IS NULL AND site_document_on IS NULL)),
        ADD CONSTRAINT project_plant_area_route_check CHECK (coalesce(land_route, 'new-land') = 'idle-plant' OR plant_area_sqm IS NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE project
        DROP CONSTRAINT project_plant_area_route_check,
        DROP CONSTRAINT project_site_document_route_check,
        DROP COLUMN plant_area_sqm,
        DROP COLUMN site_document_on,
        DROP COLUMN site_document_ref,
        DROP COLUMN site_document_kind,
        DROP COLUMN land_route`);
  }
}
