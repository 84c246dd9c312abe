#!/usr/bin/env python3
"""A client of GraphWalker's REST API, written the way GraphWalker's REST template is: a loop on
hasNext, getNext, and a call of the method named by currentElementName. Run against
`kiosk-sim online` (docs/online.md), it walks the kiosk; any GraphWalker service would do.

    python3 tests/online/graphwalker_client.py [--url http://127.0.0.1:8887/graphwalker] [--check-every N]

Only the standard library: http.client keeps one connection open for every request (keep-alive).
Prints one JSON line at the end: the elements seen, the seconds taken and getStatistics' answer.
Exit code 0 when the walk ended (hasNext false) with no failure, 1 otherwise.
"""

import argparse
import http.client
import json
import re
import sys
import time
import urllib.parse


class GraphWalkerError(Exception):
    pass


class GraphWalker:
    """GraphWalker's REST endpoints over one keep-alive connection."""

    def __init__(self, url):
        parsed = urllib.parse.urlsplit(url)
        self.path = parsed.path.rstrip("/")
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port or 80, timeout=600)

    def call(self, method, endpoint):
        self.connection.request(method, self.path + "/" + endpoint)
        response = self.connection.getresponse()
        answer = json.loads(response.read().decode("utf-8"))
        if answer.get("result") != "ok":
            raise GraphWalkerError("%s %s: %s" % (method, endpoint, answer.get("error")))
        return answer

    def has_next(self):
        return self.call("GET", "hasNext")["hasNext"] == "true"

    def get_next(self):
        return self.call("GET", "getNext")

    def get_data(self):
        return self.call("GET", "getData")["data"]

    def set_data(self, script):
        return self.call("PUT", "setData/" + urllib.parse.quote(script, safe=""))

    def fail(self, reason):
        return self.call("PUT", "fail/" + urllib.parse.quote(reason, safe=""))

    def get_statistics(self):
        return self.call("GET", "getStatistics")


class Kiosk:
    """The test: a method per element of the model, as GraphWalker's generated interface has.

    Screens are vertices (v_cash), actions edges (e_insertBill_KZT_1000). This client drives no
    kiosk of its own: it checks that each element says what it stands for, and every few screens
    reports the screen it expects with setData, which the service checks against its own.
    """

    def __init__(self, gw, check_every):
        self.gw = gw
        self.check_every = check_every
        self.element = None
        self.screens = 0
        self.actions = 0
        self.fresh_kiosks = 0
        self.profiles = set()

    def data(self):
        # getNext's verbose answer carries the data as a list of one-key objects, as GraphWalker's does.
        return {k: v for item in self.element.get("data", []) for k, v in item.items()}

    def e_freshKiosk(self):
        data = self.gw.get_data()
        replayed = json.loads(data["replayed"])
        if not isinstance(replayed, list):
            raise AssertionError("e_freshKiosk: replayed is not a list of steps")
        self.fresh_kiosks += 1
        self.profiles.add(data["profile"])

    def v_idle(self):
        self.vertex("idle")

    def vertex(self, screen):
        if self.data()["screen"] != screen:
            raise AssertionError("%s: the data says screen %s" % (self.element["currentElementName"], self.data()["screen"]))
        self.screens += 1
        if self.screens % self.check_every == 0:
            self.gw.set_data("screen=%s;" % screen)

    def edge(self, name):
        step = json.loads(self.data()["step"])
        if not name.startswith("e_" + step["do"]):
            raise AssertionError("%s: the step is %s" % (name, step))
        self.actions += 1

    def __getattr__(self, name):
        # Every screen and every action alike: a method made for the element's name.
        if re.fullmatch(r"v_[A-Za-z]+", name):
            return lambda: self.vertex(name[2:])
        if re.fullmatch(r"e_[A-Za-z]\w*", name):
            return lambda: self.edge(name)
        raise AttributeError(name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8887/graphwalker")
    parser.add_argument("--check-every", type=int, default=50, help="report the expected screen with setData every N screens")
    args = parser.parse_args()
    gw = GraphWalker(args.url)
    kiosk = Kiosk(gw, max(1, args.check_every))
    started = time.time()
    elements = 0
    try:
        while gw.has_next():
            kiosk.element = gw.get_next()
            elements += 1
            getattr(kiosk, kiosk.element["currentElementName"])()
    except (GraphWalkerError, AssertionError, AttributeError) as problem:
        try:
            gw.fail(str(problem)[:400])
        except GraphWalkerError:
            pass
        print("FAILED after %d elements: %s" % (elements, problem), file=sys.stderr)
        return 1
    statistics = gw.get_statistics()
    summary = {
        "elements": elements,
        "actions": kiosk.actions,
        "screens": kiosk.screens,
        "freshKiosks": kiosk.fresh_kiosks,
        "profiles": sorted(kiosk.profiles),
        "seconds": round(time.time() - started, 1),
        "statistics": statistics,
    }
    print(json.dumps(summary))
    return 0 if statistics.get("totalFailedNumberOfModels", 0) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
