// The composition root: one database handle and one instance of each service. Built by the server,
// the CLI and the tests alike; no hidden singletons.
import type { Config } from './config';
import type { Db } from './db/database';
import { AuditService } from './services/audit.service';
import { AuthService } from './services/auth.service';
import { CalendarService } from './services/calendar.service';
import { CatalogueService } from './services/catalogue.service';
import { StaffService } from './services/staff.service';
import { UnitService } from './services/unit.service';

export type App = {
  config: Config;
  db: Db;
  services: {
    auth: AuthService;
    units: UnitService;
    staff: StaffService;
    audit: AuditService;
    calendar: CalendarService;
    catalogue: CatalogueService;
  };
};

export function createApp(config: Config, db: Db): App {
  const calendar = new CalendarService(db);
  return {
    config,
    db,
    services: {
      calendar,
      catalogue: new CatalogueService(db, (unitId) => calendar.provinceOf(unitId)),
      auth: new AuthService(db, config),
      units: new UnitService(db),
      staff: new StaffService(db),
      audit: new AuditService(db),
    },
  };
}
