import { DEFAULT_SCHEDULE, compileSchedule, type UnitSchedule } from './schedule';
import { dateOfDayNumber, dayNumberFromParts, dayNumberOf, isoWeekday, yearOfDayNumber } from './time';
import { generateYear, type CalendarYear } from './year';

export type YearGenerator = (year: number) => CalendarYear;

const FIRST_YEAR = 1900;
const LAST_YEAR = 2199; // the lunar tables of @dqcai/vn-lunar end in 2199
const FIRST_DAY = dayNumberFromParts(FIRST_YEAR, 1, 1);
const LAST_DAY = dayNumberFromParts(LAST_YEAR, 12, 31);

// One byte per day, filled a year at a time on first use: deadline loops ask
// about the same days millions of times, and an array read beats hashing.
const NOT_LOADED = 0;
const ORDINARY = 1;
const HOLIDAY = 2;
const SWAPPED_WORKING = 3;

/**
 * Days off and swapped working days, from official data where there is some and
 * from a generator (the Labour Code rules by default) for every other year, so any
 * date from 1900 to 2199 has an answer. Immutable: {@link withYear} returns a new one.
 */
export class Calendar {
  readonly #given = new Map<number, CalendarYear>();
  readonly #made = new Map<number, CalendarYear>();
  readonly #generate: YearGenerator;
  readonly #status = new Uint8Array(LAST_DAY - FIRST_DAY + 1);

  constructor(years: readonly CalendarYear[] = [], generate: YearGenerator = generateYear) {
    this.#generate = generate;
    for (const year of years) {
      if (this.#given.has(year.year)) throw new RangeError(`year ${year.year} given twice`);
      this.#given.set(year.year, normalise(year.year, year));
    }
  }

  /** The year as used (frozen): the given data, else what the generator makes of it. */
  getYear(year: number): CalendarYear {
    const known = this.#given.get(year) ?? this.#made.get(year);
    if (known) return known;
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
      throw new RangeError(`year out of range ${FIRST_YEAR}–${LAST_YEAR}: ${year}`);
    }
    const made = normalise(year, this.#generate(year));
    this.#made.set(year, made);
    return made;
  }

  /** A calendar with `year` replaced (an administrator correcting it from the official decision). */
  withYear(year: CalendarYear): Calendar {
    const others = [...this.#given.values()].filter((y) => y.year !== year.year);
    return new Calendar([...others, year], this.#generate);
  }

  /** Whether a 'YYYY-MM-DD' date is a working day for a unit with this schedule. */
  isWorkingDay(date: string, schedule: UnitSchedule = DEFAULT_SCHEDULE): boolean {
    return this.isWorkingDayNumber(dayNumberOf(date), compileSchedule(schedule).weekdayMask);
  }

  /**
   * Fast path of {@link isWorkingDay} for day numbers (days since 1970-01-01) and a
   * weekday bit mask (bit n = ISO weekday n): a swapped working day, or a schedule
   * weekday that is not a day off.
   */
  isWorkingDayNumber(day: number, weekdayMask: number): boolean {
    let status = this.#status[day - FIRST_DAY];
    if (status === NOT_LOADED) {
      this.#load(yearOfDayNumber(day));
      status = this.#status[day - FIRST_DAY];
    }
    if (status === undefined) {
      throw new RangeError(`date out of range ${FIRST_YEAR}–${LAST_YEAR}: ${dateOfDayNumber(day)}`);
    }
    if (status === ORDINARY) return ((weekdayMask >> isoWeekday(day)) & 1) === 1;
    return status === SWAPPED_WORKING;
  }

  #load(year: number): void {
    const data = this.getYear(year);
    const offset = -FIRST_DAY;
    this.#status.fill(ORDINARY, dayNumberFromParts(year, 1, 1) + offset, dayNumberFromParts(year, 12, 31) + offset + 1);
    for (const date of data.holidays) this.#status[dayNumberOf(date) + offset] = HOLIDAY;
    for (const date of data.workingDays) this.#status[dayNumberOf(date) + offset] = SWAPPED_WORKING;
  }
}

/** Checks a year's data and returns a sorted, de-duplicated, frozen copy. */
function normalise(year: number, data: CalendarYear): CalendarYear {
  if (data.year !== year || !Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`calendar data for year ${year} is out of range or says ${data.year}`);
  }
  const clean = (dates: readonly string[]) => {
    for (const date of dates) {
      if (yearOfDayNumber(dayNumberOf(date)) !== year) {
        throw new RangeError(`${date} is not in ${year}`);
      }
    }
    return Object.freeze([...new Set(dates)].sort());
  };
  const holidays = clean(data.holidays);
  const workingDays = clean(data.workingDays);
  const both = workingDays.filter((d) => holidays.includes(d));
  if (both.length > 0) throw new RangeError(`both a day off and a working day: ${both.join(', ')}`);
  // Frozen so a caller cannot change a calendar that deadlines were computed with.
  return Object.freeze({
    year,
    holidays: holidays as string[],
    workingDays: workingDays as string[],
    generated: data.generated,
  });
}
