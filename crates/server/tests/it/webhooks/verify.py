"""The Standard Webhooks reference check, as a receiver runs it.

verify.py < REQUEST.json
    REQUEST.json is {"secret": "whsec_...", "headers": {name: value}, "body": "..."}: the
    endpoint's secret and one request as it arrived. Runs the `standardwebhooks` package's
    Webhook(secret).verify(body, headers) (signature and timestamp tolerance) and prints the
    parsed payload as JSON; on any failure prints why to standard error and exits 1.
"""

import json
import sys

from standardwebhooks.webhooks import Webhook


def main() -> int:
    request = json.load(sys.stdin)
    try:
        payload = Webhook(request["secret"]).verify(request["body"].encode("utf-8"), request["headers"])
    except Exception as e:  # noqa: BLE001 -- any refusal is a failed check
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 1
    json.dump(payload, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
