"""Prints the load test's figures and whether they meet the targets.

    python loadtest/report.py SAMPLES.json STATS.csv --users 50 --workers 4 --seconds 60

SAMPLES.json holds every request made once all simulated people had started (name, milliseconds,
failed?), written by locustfile.py; STATS.csv is locust's own summary, for the error messages.
Sign-in is reported apart: each person signs in once, and the password hash is deliberately slow.
"""

import argparse
import csv
import json
import math
import sys

TARGET_P95_MS, TARGET_ERRORS = 500, 0
SIGN_IN = "sign-in"


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


def line(label, samples, seconds):
    times = [ms for _name, ms, _failed in samples]
    errors = sum(1 for *_rest, failed in samples if failed)
    return (f"{label[:28]:<29}{len(samples):>7}{errors:>7}{len(samples) / seconds:>8.1f}"
            f"{percentile(times, 0.5):>8.0f}{percentile(times, 0.95):>7.0f}{percentile(times, 0.99):>7.0f}"
            f"{max(times, default=0):>7.0f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("samples")
    parser.add_argument("failures")
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    args = parser.parse_args()
    try:
        with open(args.samples) as file:
            samples = json.load(file)
    except FileNotFoundError:
        sys.exit(f"No samples at {args.samples}: see var/loadtest/locust.log")
    if not samples:
        sys.exit("No requests were measured: see var/loadtest/locust.log and gunicorn.log")

    print(f"\n{'request':<29}{'count':>7}{'errors':>7}{'req/s':>8}{'median':>8}{'p95':>7}{'p99':>7}{'max':>7}  (ms)")
    for name in sorted({name for name, *_ in samples}):
        print(line(name, [s for s in samples if s[0] == name], args.seconds))
    working = [s for s in samples if not s[0].startswith(SIGN_IN)]
    print(line("all but sign-in", working, args.seconds))
    print(line("everything", samples, args.seconds))

    times = [ms for _name, ms, _failed in working]
    errors = sum(1 for *_rest, failed in samples if failed)
    p95 = percentile(times, 0.95)
    print(f"\n{args.users} people, gunicorn {args.workers} workers, {args.seconds:.0f} s measured: "
          f"{len(working) / args.seconds:.1f} requests/s, p95 {p95:.0f} ms (sign-in apart), {errors} errors.")
    try:
        with open(args.failures, newline="") as file:
            for failure in csv.DictReader(file):
                print(f"  error: {failure['Method']} {failure['Name']}: {failure['Error']} x{failure['Occurrences']}")
    except FileNotFoundError:
        pass
    met = errors <= TARGET_ERRORS and p95 <= TARGET_P95_MS
    print(f"{'Within' if met else 'OVER'} the targets ({TARGET_ERRORS} errors, p95 <= {TARGET_P95_MS} ms).")


if __name__ == "__main__":
    main()
