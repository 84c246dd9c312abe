/** What `kiosk-sim help` prints, and where a command writes. */
import { PROFILE_NAMES } from '../core/testing/profiles'

export const USAGE = `Usage:
  kiosk-sim run FILE [--json] [--journal PATH] [--receipts DIR] [--no-shrink]
                                                 run a scenario headless on a virtual clock;
                                                 --journal keeps its journal in a new file PATH;
                                                 --receipts writes every receipt (receiptline
                                                 source, SVG, ESC/POS) into DIR, new or empty;
                                                 a failing FILE is shrunk to the steps that matter,
                                                 written beside it as <name>.shrunk.json
                                                 (--no-shrink: not)
  kiosk-sim run FILE --url URL [--timeout S] [--json]
                                                 play it live, in real time, on a running kiosk
                                                 (npm run web); URL: the technician URL it printed,
                                                 "http://HOST:PORT/technician#k=KEY" as it is (or
                                                 ws://HOST:PORT for a host without a key);
                                                 an expect waits up to S s (default 5)
  kiosk-sim paths --generator G [--seed N] [--profile P,...] [--allow FILE]
                  [--format scenario|json] [--out DIR] [--junit FILE] [--fail-under PCT]
                                                 generated paths over the live core, e.g.
                                                 G = "quickRandom(transitions(60) or length(500))",
                                                 "oneTour(length(5000))", "shortest(reached(receipt))";
                                                 walks take the drill profiles P in turn, one leg
                                                 (file) each, by default all of
                                                 ${PROFILE_NAMES.slice(0, 3).join(', ')},
                                                 ${PROFILE_NAMES.slice(3).join(', ')};
                                                 oneTour and shortest take one (default standard);
                                                 --allow leaves an allow-list out of the percentages;
                                                 scenario: DIR/<generator>-<seed>[-<leg>-<profile>].json
                                                 (shortest: DIR/shortest-<screen>.json), replayable with run;
                                                 N: 0 to 4294967295; DIR: new, empty or an earlier
                                                 run's (its files listed in DIR/kiosk-sim-paths.json
                                                 are replaced); --junit: a test case per path, its
                                                 replay; --fail-under: least transition coverage
  kiosk-sim paths --format mermaid [--out DIR]   the statecharts as Mermaid diagrams (DIR/<machine>.mmd)
  kiosk-sim coverage FILE... [--manifest FILE] [--allow FILE] [--json] [--junit FILE]
                  [--fail-under PCT] [--no-shrink]
                                                 run scenarios; state and transition coverage of the
                                                 kiosk machine and its device actors, uncovered listed;
                                                 --allow: the total of the rest, outside the allow-list;
                                                 a FILE that is a folder of paths --out (or --manifest
                                                 DIR/kiosk-sim-paths.json): the files it lists; a
                                                 failing file is shrunk beside it; --junit: a test
                                                 case per file; --fail-under: least transition coverage
  kiosk-sim online [--port N] [--generator G] [--allow FILE] [--profile P,...] [--seed N] [--url URL]
                                                 GraphWalker's REST API (and a WebSocket at
                                                 /graphwalker/ws) on 127.0.0.1:N (default 8887) over
                                                 a walk (G random or quickRandom, default
                                                 "quickRandom(transitions(100))"), one element per
                                                 getNext; --url plays each action on a running kiosk
                                                 too (one profile, live-safe actions) and fails the
                                                 step when its screen differs; runs until Ctrl-C
  kiosk-sim drill list                           the drill library: each drill file's path, a tab,
                                                 its title
  kiosk-sim drill run FILE [--json] [--actions FILE] [--trainee NAME]
                                                 play a drill headless and score it: its set-up, then
                                                 its reference solution, or with --actions a trainee's
                                                 steps (a scenario file, as the recorder writes it)
  kiosk-sim journal verify PATH                  check a journal's hash chain and sequence
  kiosk-sim journal export PATH --csv [--from ISO] [--to ISO] [--kind K,K] [--transaction REF] [--card LAST4]
                                                 the journal as CSV, one row per record; the filters
                                                 (all must hold): records from/to an ISO 8601 instant,
                                                 of these kinds, every record of the transactions of
                                                 a reference (00412783-000042-K7Q3M9XT, K7Q3M9XT, 42)
                                                 or of a card (last 4 digits or its masked number)
  kiosk-sim hash-pin PIN                         the salted hash of a staff PIN (4 to 8 digits) for
                                                 the configuration's service.pins
  kiosk-sim host [--port N] [--data DIR] [--cards N] [--card-key FILE]
                                                 the simulated host over HTTP on 127.0.0.1:N (default
                                                 8090; API at /openapi.json), cards and credits in
                                                 DIR/host.sqlite (default .kiosk-host), the demo cards
                                                 and N fleet cards (default 1000) when new; FILE: the
                                                 card-reference key shared with the kiosks (default
                                                 DIR/card-key.bin); runs until Ctrl-C
  kiosk-sim fleet --url URL [--kiosks N] [--duration S] [--seed N] [--json]
                                                 N headless kiosks (default 8, worker threads, virtual
                                                 time) top up cards on the host at URL for S seconds
                                                 (default 10) of real time: throughput per second,
                                                 latency percentiles, flagged and failed top-ups, and
                                                 an audit of every kiosk's journal against the host
  kiosk-sim help                                 show this help

Exit codes: run: 0 every step possible and every expectation held, 1 a step was not possible
or an expectation failed; paths: 0 the stop condition held, 1 it did not, a path was not found
or the coverage is below --fail-under (the files written are partial); coverage: 0 every file
replayed green, 1 one failed or the coverage is below --fail-under; drill run: 0 the score
reaches the drill's pass mark, 1 below it; online: 0 stopped by Ctrl-C, 1 the walk had failed;
fleet: 0 the audit is clean, 1 a top-up was lost or doubled;
journal verify: 0 intact, 1 a record was changed,
removed, inserted or reordered (the first one is named); hash-pin: 0 printed; 2 invalid file or
arguments (paths --out: also a folder holding files it did not write; drill: also an invalid
drill or actions file, or a drill whose set-up fails; hash-pin: a PIN that is not 4 to 8 digits;
run --url: also no kiosk there, a missing or wrong technician key, or a step only the headless
run can play).`

/** Where a command writes: its output, and its errors and warnings. */
export type Output = { out: (text: string) => void; err: (text: string) => void }
