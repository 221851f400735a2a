"""A real SMTP server on loopback for the email tests, and an independent reader of what arrived.

serve:  smtp_sink.py serve --port PORT --dir DIR [--reject ADDRESS ...]
        Listens on 127.0.0.1:PORT (aiosmtpd), prints READY once it does, and writes each
        message it accepts to DIR/NNNN.eml with DIR/NNNN.json (envelope sender and recipients).
        RCPT TO an address given with --reject is refused for good (550). Stops when its
        standard input closes (the test ended) or on SIGTERM.
parse:  smtp_sink.py parse FILE.eml
        Prints JSON: the headers, the text and HTML parts, the calendar part and the attached
        .ics, each invitation parsed with the `icalendar` package (UID, SEQUENCE, METHOD,
        DTSTART, DTEND, STATUS, ORGANIZER, ATTENDEE).
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import sys
import threading


def serve(args):
    from aiosmtpd.controller import Controller

    os.makedirs(args.dir, exist_ok=True)
    reject = {a.lower() for a in args.reject or []}
    counter = {"n": 0}
    lock = threading.Lock()

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address.lower() in reject:
                return "550 5.1.1 <%s>: mailbox unavailable" % address
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            with lock:
                counter["n"] += 1
                n = counter["n"]
            base = os.path.join(args.dir, "%04d" % n)
            with open(base + ".eml.tmp", "wb") as f:
                f.write(envelope.original_content or envelope.content)
            meta = {"mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos}
            with open(base + ".json.tmp", "w") as f:
                json.dump(meta, f)
            os.rename(base + ".eml.tmp", base + ".eml")
            os.rename(base + ".json.tmp", base + ".json")
            return "250 Message accepted for delivery"

    controller = Controller(Handler(), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("READY", flush=True)
    try:
        sys.stdin.read()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


def invite(text):
    import icalendar

    cal = icalendar.Calendar.from_ical(text)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    out = {"method": str(cal.get("METHOD", "")), "events": []}
    for ev in events:
        out["events"].append(
            {
                "uid": str(ev.get("UID", "")),
                "sequence": int(ev.get("SEQUENCE", 0)),
                "dtstart": ev.decoded("DTSTART").isoformat(),
                "dtend": ev.decoded("DTEND").isoformat(),
                "status": str(ev.get("STATUS", "")),
                "summary": str(ev.get("SUMMARY", "")),
                "location": str(ev.get("LOCATION", "")),
                "organizer": str(ev.get("ORGANIZER", "")),
                "attendees": [str(a) for a in (ev.get("ATTENDEE") if isinstance(ev.get("ATTENDEE"), list) else [ev.get("ATTENDEE")] if ev.get("ATTENDEE") else [])],
            }
        )
    return out


def parse(path):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    out = {
        "headers": [[k, str(v)] for k, v in msg.items()],
        "contentType": msg.get_content_type(),
        "text": None,
        "html": None,
        "calendar": None,
        "calendarContentType": None,
        "attachment": None,
        "attachmentName": None,
        "parts": [],
    }
    for part in msg.walk():
        ctype = part.get_content_type()
        out["parts"].append(ctype)
        if part.is_multipart():
            continue
        if part.get_content_disposition() == "attachment":
            out["attachmentName"] = part.get_filename()
            out["attachment"] = invite(part.get_payload(decode=True))
        elif ctype == "text/plain":
            out["text"] = part.get_content()
        elif ctype == "text/html":
            out["html"] = part.get_content()
        elif ctype == "text/calendar":
            out["calendarContentType"] = str(part["Content-Type"])
            out["calendar"] = invite(part.get_payload(decode=True))
    print(json.dumps(out))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--dir", required=True)
    s.add_argument("--reject", action="append")
    r = sub.add_parser("parse")
    r.add_argument("file")
    args = p.parse_args()
    if args.cmd == "serve":
        serve(args)
    else:
        parse(args.file)


if __name__ == "__main__":
    main()
