// Parses an .ics file with Mozilla ical.js (Thunderbird's parser) and prints what it sees
// as JSON, for tests/calendar/test_icaljs.py. Usage: node check.mjs FILE.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const path = process.argv[2];
if (!path) {
  console.error("usage: node check.mjs FILE.ics");
  process.exit(2);
}

const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
const vtimezones = calendar.getAllSubcomponents("vtimezone");
for (const vtimezone of vtimezones) {
  ICAL.TimezoneService.register(vtimezone);
}

const pad = (n) => String(n).padStart(2, "0");
const wallClock = (t) =>
  `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;

const tzidsUsed = new Set();
const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  for (const property of vevent.getAllProperties()) {
    const tzid = property.getParameter("tzid");
    if (tzid) tzidsUsed.add(tzid);
  }
  const event = new ICAL.Event(vevent);
  const start = event.startDate;
  return {
    uid: event.uid,
    status: vevent.getFirstPropertyValue("status"),
    sequence: event.sequence,
    // DTSTART's TZID as written (null for UTC), and the zone ical.js applied to it:
    // "floating" when no VTIMEZONE declared that TZID.
    tzid: vevent.getFirstProperty("dtstart").getParameter("tzid") ?? null,
    zone: start.zone ? start.zone.tzid : null,
    local_start: wallClock(start),
    utc_start: start.convertToZone(ICAL.Timezone.utcTimezone).toString(),
  };
});

console.log(
  JSON.stringify({
    events,
    tzids_used: [...tzidsUsed].sort(),
    vtimezones: vtimezones.map((v) => v.getFirstPropertyValue("tzid")).sort(),
  }),
);
