"""Peer benchmark: renders the events bench_render wrote as JSON with python icalendar
(Debian's python3-icalendar) and times Calendar.to_ical(), for comparison with
`render_100k_seconds`. Run: bench_render /tmp/events.json && /usr/bin/python3
bench/peer_render_icalendar.py /tmp/events.json"""

import datetime
import json
import sys
import time

import icalendar


def date(text):
    return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))


def utc(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)


def build(data):
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//plancal//plancal 0.1//ZH")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", data["title"])
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    for e in data["events"]:
        event = icalendar.Event()
        event.add("uid", e["uid"])
        event.add("dtstamp", utc(e["dtstamp"]))
        event.add("created", utc(e["created"]))
        event.add("last-modified", utc(e["dtstamp"]))
        event.add("sequence", e["sequence"])
        event.add("dtstart", date(e["dtstart"]))
        event.add("dtend", date(e["dtend"]))
        if e["rrule"]:
            event.add("rrule", icalendar.vRecur.from_ical(e["rrule"]))
        for rdate in e["rdates"]:
            event.add("rdate", date(rdate))
        event.add("summary", e["summary"])
        event.add("description", e["description"])
        if e["location"]:
            event.add("location", e["location"])
        event.add("categories", e["category"])
        event.add("transp", "TRANSPARENT")
        event.add("x-plancal-precision", e["precision"])
        event.add("x-plancal-phrase", e["phrase"])
        if e["approximate"]:
            event.add("x-plancal-approximate", "TRUE")
        calendar.add_component(event)
    return calendar


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    start = time.perf_counter()
    calendar = build(data)
    built = time.perf_counter()
    ics = calendar.to_ical()
    done = time.perf_counter()
    print(f"peer_build_100k_seconds: {built - start:.3f}")
    print(f"peer_render_100k_seconds: {done - built:.3f}")
    print(f"peer_render_100k_bytes: {len(ics)}")


if __name__ == "__main__":
    main()
