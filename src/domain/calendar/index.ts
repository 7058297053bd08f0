// Working-day calendar and deadline engine: pure, no I/O, no clock (time is a parameter).
export { Calendar, type YearGenerator } from './calendar';
export {
  addWorkingMillis,
  computeDeadline,
  computeDueWithPauses,
  countingStart,
  workingMillisBetween,
  type Deadline,
  type DeadlineInput,
  type Pause,
  type PausedDeadline,
  type PausedDeadlineInput,
} from './deadline';
export { OFFICIAL_YEARS } from './official';
export { DEFAULT_SCHEDULE, hoursPerDay, type Session, type UnitSchedule } from './schedule';
export { formatVnDate, formatVnIso, parseVnDate } from './time';
export { generateYear, planHolidays, type CalendarYear, type HolidayRuleOptions, type PlannedHoliday } from './year';
export {
  extendClock,
  openPauseSince,
  pauseClock,
  recomputeClock,
  resumeClock,
  scheduleOf,
  startClock,
  type ClockChange,
  type ClockState,
  type StoredPause,
} from './clock';
