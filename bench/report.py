#!/usr/bin/env python3
"""Turns one bench/run.sh result directory into the Markdown table of docs/benchmarks.md (printed to stdout)."""
import glob
import json
import math
import os
import re
import statistics
import sys

res = sys.argv[1]
values, notes, cpu = {}, {}, {}
with open(os.path.join(res, "results.jsonl")) as f:
    for line in f:
        r = json.loads(line)
        if "text" in r:
            notes[r["key"]] = r["text"]
        elif "jvm_us" in r:
            cpu.setdefault(r["key"], {})[r["run"]] = r
        else:
            values.setdefault(r["key"], []).append(r["value"])


def read(path):
    with open(path) as f:
        return f.read()


def files(pattern):
    return sorted(glob.glob(os.path.join(res, pattern)), key=lambda p: int(re.findall(r"(\d+)\.txt$", p)[0]))


def to_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    number, unit = float(m.group(1)), m.group(2)
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(path):
    text = read(path)
    out = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
           "n": int(re.search(r"(\d+) requests in", text).group(1))}
    for pct in ("50", "99"):
        m = re.search(r"^\s+%s%%\s+(\S+)" % pct, text, re.M)
        if m:
            out["p" + pct] = to_ms(m.group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    out["bad"] = int(bad.group(1)) if bad else 0
    errors = re.search(r"Socket errors: (.*)", text)
    out["errors"] = errors.group(1) if errors else None
    return out


def pgbench(path):
    text = read(path)
    tps = re.search(r"tps = ([\d.]+)", text)
    lat = re.search(r"latency average = ([\d.]+) ms", text)
    n = re.search(r"number of transactions actually processed: (\d+)", text)
    return {"tps": float(tps.group(1)) if tps else math.nan, "lat": float(lat.group(1)) if lat else math.nan,
            "n": int(n.group(1)) if n else 0}


def spread(xs, fmt):
    """median (min–max, n runs)"""
    xs = [x for x in xs if x is not None and not math.isnan(x)]
    if not xs:
        return "n/a"
    if len(xs) == 1:
        return fmt(xs[0])
    return "%s (%s–%s)" % (fmt(statistics.median(xs)), fmt(min(xs)), fmt(max(xs)))


def med(xs):
    xs = [x for x in xs if x is not None and not math.isnan(x)]
    return statistics.median(xs) if xs else math.nan


def other(key):
    runs_ = cpu.get(key, {})
    xs = [runs_[k].get("other_pct") for k in sorted(runs_) if runs_[k].get("other_pct") is not None]
    return "; other work on the machine during the runs: %s of the CPUs" % ", ".join("%d %%" % x for x in xs) if xs else ""


f0 = lambda x: "{:,.0f}".format(x)
f1 = lambda x: "{:,.1f}".format(x)
f2 = lambda x: "{:,.2f}".format(x)
f3 = lambda x: "{:,.3f}".format(x)
mib = lambda x: "{:,.0f} MiB".format(x / 1048576)
runs = len(files("p1-wrk-*.txt")) or len(files("p7-provider-dashboard-*.txt")) or max(
    [r["run"] for key in cpu for r in cpu[key].values()] + [0])

rows = []
warnings = []

# P1
p1w = [wrk(p) for p in files("p1-wrk-*.txt")]
p1p = [pgbench(p) for p in files("p1-pgbench-*.txt")]
for w in p1w:
    if w["bad"] or w["errors"]:
        warnings.append("P1: wrk saw %d non-2xx answers, socket errors: %s" % (w["bad"], w["errors"]))
rps, tps = med([w["rps"] for w in p1w]), med([p["tps"] for p in p1p])
ratio = rps / tps if tps else math.nan
ratios = [w["rps"] / p["tps"] for w, p in zip(p1w, p1p)]
rows.append(("P1", "API read `GET /api/v1/accounts/{id}`: 1,000 level-10 accounts in turn, bearer token of the big "
                   "reseller's administrator, wrk -t2, same connections as pgbench",
             "ratio ≥ 0.25",
             "%s req/s; latency p50 %s ms, p99 %s ms%s" % (spread([w["rps"] for w in p1w], f0),
                                                           spread([w.get("p50") for w in p1w], f2),
                                                           spread([w.get("p99") for w in p1w], f2),
                                                           other("p1.wrk.cpu"))
             + ("; after warm-up rounds of 15 s at %s req/s" % notes["p1.warmup"] if "p1.warmup" in notes else ""),
             "`pgbench -S`: %s TPS" % spread([p["tps"] for p in p1p], f0),
             "**ratio %s** (per run %s): %s" % (f2(ratio), ", ".join(f2(r) for r in ratios),
                                             "met" if ratio >= 0.25 else "**missed**")))



def per_request(key, results):
    """CPU µs per request/transaction of each run: (jvm, pg, client, statements)"""
    out = []
    for i, r in enumerate(results, start=1):
        c = cpu.get(key, {}).get(i)
        if c and r["n"]:
            out.append((c["jvm_us"] / r["n"], c["pg_us"] / r["n"], c["client_us"] / r["n"],
                        c.get("xacts", 0) / r["n"]))
    return out


app_cpu, pgb_cpu = per_request("p1.wrk.cpu", p1w), per_request("p1.pgbench.cpu", p1p)
if app_cpu and pgb_cpu:
    app_total = med([x[0] + x[1] + x[2] for x in app_cpu])
    pgb_total = med([x[1] + x[2] for x in pgb_cpu])
    rows.append(("P1 cpu", "CPU time per request during P1 (from /proc: Cascade's JVM, all PostgreSQL processes, "
                           "the load generator); depends far less than req/s on other work on the machine",
                 "explains P1",
                 "one API read: JVM %s µs + PostgreSQL %s µs + wrk %s µs = **%s µs**; %s SQL statements "
                 "per request" % (
                     f0(med([x[0] for x in app_cpu])), f0(med([x[1] for x in app_cpu])),
                     f0(med([x[2] for x in app_cpu])), f0(app_total), f1(med([x[3] for x in app_cpu]))),
                 "one `pgbench -S` transaction: PostgreSQL %s µs + pgbench %s µs = **%s µs**" % (
                     f0(med([x[1] for x in pgb_cpu])), f0(med([x[2] for x in pgb_cpu])), f0(pgb_total)),
                 "CPU-bound ratio %s" % f2(pgb_total / app_total)))

# P2
jmh = json.load(open(os.path.join(res, "p2-jmh.json"))) if os.path.exists(os.path.join(res, "p2-jmh.json")) else []


def iteration_p99(histograms):
    out = []
    for fork in histograms:
        for iteration in fork:
            pairs = sorted((float(v), int(c)) for v, c in iteration)
            total = sum(c for _, c in pairs)
            seen, target = 0, math.ceil(0.99 * total)
            for v, c in pairs:
                seen += c
                if seen >= target:
                    out.append(v)
                    break
    return out


p2 = {}
for b in jmh:
    name = b["benchmark"].rsplit(".", 1)[1]
    depth = int(b["params"]["depth"])
    pm = b["primaryMetric"]
    unit_to_ms = {"us/op": 0.001, "ms/op": 1.0, "ns/op": 1e-6}[pm["scoreUnit"]]
    p2[(name, depth)] = {
        "p50": pm["scorePercentiles"]["50.0"] * unit_to_ms,
        "p99": pm["scorePercentiles"]["99.0"] * unit_to_ms,
        "it99": [v * unit_to_ms for v in iteration_p99(pm.get("rawDataHistogram", []))],
        "samples": sum(c for fork in pm.get("rawDataHistogram", []) for it in fork for _, c in it),
    }
trips = {}
rt = os.path.join(res, "p2-roundtrips.txt")
if os.path.exists(rt):
    for m in re.finditer(r"depth=(\d+) checks=(\d+) roundTrips=(\d+) statements=(\d+) perCheck=([\d.]+)", read(rt)):
        trips[int(m.group(1))] = float(m.group(5))
if p2:
    us = lambda ms: "{:,.0f} µs".format(ms * 1000)
    d10 = p2.get(("product", 10))
    # flat in depth: the typical check (p50) at depth 10 costs no more than at depth 1, within 20 % + 10 µs
    # (p99 of a 2-core machine is too noisy to compare depths by)
    flat_ok = all(p2[("product", d)]["p50"] <= 1.2 * p2[("product", 1)]["p50"] + 0.010
                  for d in (5, 10) if ("product", d) in p2) if ("product", 1) in p2 else False
    ok = d10["p99"] <= 0.5 and trips.get(10, 99) <= 1.0 and flat_ok
    rows.append(("P2", "Subtree permission check `AccountScope.require` (product class, JdbcClient on HikariCP, "
                       "real JDBC to the generated database), provider as caller, 1,024 random accounts per depth; "
                       "JMH SampleTime",
                 "p99 ≤ 0.5 ms, ≤ 1 round trip, flat in depth",
                 "depth 10: **p99 %s** (per iteration %s), p50 %s; depth 1 / 5 / 10: p50 %s, p99 %s; "
                 "round trips per check (depth 1 / 5 / 10): %s" % (
                     us(d10["p99"]), spread(d10["it99"], us), us(d10["p50"]),
                     " / ".join(us(p2[("product", d)]["p50"]) for d in (1, 5, 10) if ("product", d) in p2),
                     " / ".join(us(p2[("product", d)]["p99"]) for d in (1, 5, 10) if ("product", d) in p2),
                     " / ".join(f2(trips[d]) for d in (1, 5, 10) if d in trips)),
                 "plain JDBC, same statement and prefix check, depth 1 / 5 / 10: p50 %s, p99 %s" % (
                     " / ".join(us(p2[("jdbc", d)]["p50"]) for d in (1, 5, 10) if ("jdbc", d) in p2),
                     " / ".join(us(p2[("jdbc", d)]["p99"]) for d in (1, 5, 10) if ("jdbc", d) in p2)),
                 ("met" if ok else "**missed**") + ("" if flat_ok else " (not flat in depth)")))

# P3
p3w = [wrk(p) for p in files("p3-wrk-*.txt")]
p3p = [pgbench(p) for p in files("p3-pgbench-*.txt")]
for w in p3w:
    if w["bad"] or w["errors"]:
        warnings.append("P3: wrk saw %d non-2xx answers, socket errors: %s" % (w["bad"], w["errors"]))
if p3w:
    p50, p99 = med([w.get("p50") for w in p3w]), med([w.get("p99") for w in p3w])
    verdict = "met (p50 and p99)" if p99 <= 10 else ("met at p50, **p99 over**" if p50 <= 10 else "**missed**")
    explain = read(os.path.join(res, "p3-explain.txt")) if os.path.exists(os.path.join(res, "p3-explain.txt")) else ""
    m = re.search(r"Execution Time: ([\d.]+) ms", explain)
    rows.append(("P3", "First page (50 + 1 rows) of the big reseller's subtree (%s accounts below it), `type=CUSTOMER"
                       "&status=ACTIVE`, over HTTP, one connection (wrk -c1)" % f0(values.get("gen.bsubtree", [0])[0]),
                 "≤ 10 ms",
                 "p50 **%s ms**, p99 **%s ms**; %s req/s%s" % (spread([w.get("p50") for w in p3w], f2),
                                                              spread([w.get("p99") for w in p3w], f2),
                                                              spread([w["rps"] for w in p3w], f0),
                                                              other("p3.wrk.cpu")),
                 "the query alone (pgbench, prepared, 1 client): %s ms average%s" % (
                     spread([p["lat"] for p in p3p], f3),
                     "; EXPLAIN ANALYZE %s ms" % m.group(1) if m else ""),
                 verdict))

# P4
p4s, p4n = values.get("p4.seconds", []), values.get("p4.subscriptions", [])
if p4s and p4n:
    rates = [n / t for n, t in zip(p4n, p4s)]
    copy = [n / t for n, t in zip(values.get("p4.copy.rows", []), values.get("p4.copy.seconds", []))]
    ratios = [a / b for a, b in zip(rates, copy)]
    failed = sum(values.get("p4.failed", []))
    if failed:
        warnings.append("P4: %d buyers failed in the billing runs" % failed)
    if any(values.get("p4.rerun.newlines", [])):
        warnings.append("P4: a second run for the same day wrote new invoice lines")
    c = [cpu.get("p4.run.cpu", {}).get(i) for i in range(1, len(p4n) + 1)]
    c = [(x["jvm_us"] / n, x["pg_us"] / n) for x, n in zip(c, p4n) if x]
    rate = med(rates)
    rows.append(("P4", "Billing run (`POST /api/v1/billing/runs`, polled until COMPLETED) over every subscription of "
                       "the generated tree, all tiers, from an empty ledger: %s subscriptions billed, %s invoices, %s "
                       "lines per run" % (f0(med(p4n)), f0(med(values.get("p4.invoices", [0]))),
                                          f0(med(values.get("p4.lines", [0])))),
                 "≥ 20,000 subscriptions/s; ratio to `COPY` rows/s",
                 "**%s subscriptions/s** (%s s per run)%s; the same run again: %s s, %s new lines%s" % (
                     spread(rates, f0), spread(p4s, f1),
                     "; CPU per subscription: JVM %s µs + PostgreSQL %s µs" % (
                         f1(med([x[0] for x in c])), f1(med([x[1] for x in c]))) if c else "",
                     spread(values.get("p4.rerun.seconds", []), f2),
                     f0(sum(values.get("p4.rerun.newlines", []))), other("p4.run.cpu")),
                 "`COPY` of one invoice-line row per subscription: %s rows/s; **ratio %s**" % (
                     spread(copy, f0), spread(ratios, f2)),
                 "met" if rate >= 20000 else "**missed**"))
else:
    rows.append(("P4", "Billing run over 1M subscriptions, all tiers, written to the database",
                 "≥ 20,000 subscriptions/s; ratio to `COPY` rows/s", "not measured in this run", "—", "—"))
# P4m: the heap during P4 (the collector's log) and the same run in a heap of 512 MiB
def peak_sampled(pattern):
    peak = 0
    for mp in glob.glob(os.path.join(res, pattern)):
        for line in read(mp).split("\n"):
            parts = line.split()
            if len(parts) == 4 and all(p.isdigit() for p in parts):
                peak = max(peak, int(parts[0]))
    return peak


p4ms, p4mn = values.get("p4m.seconds", []), values.get("p4m.subscriptions", [])
if p4ms and p4mn:
    rate_m = p4mn[0] / p4ms[0]
    # compared with P4's first run: each is the first billing run of its JVM (the JIT's warm-up in both)
    p4n1, p4s1 = values.get("p4.subscriptions", []), values.get("p4.seconds", [])
    rate_p4 = p4n1[0] / p4s1[0] if p4n1 and p4s1 else math.nan
    after_m = values.get("p4m.gc.after.mib", [math.nan])[0]
    full_m = values.get("p4m.gc.full", [0])[0]
    cm = cpu.get("p4m.run.cpu", {}).get(1)
    within = not math.isnan(rate_p4) and rate_m >= 0.9 * rate_p4
    rows.append(("P4m", "Heap during P4's run. With the default heap (a quarter of the RAM) from the collector's "
                        "log; then the same run once more, Cascade started again with `-Xmx512m` (its first run "
                        "after the start)",
                 "peak heap ≤ 512 MiB, flat in the number of subscriptions",
                 "default heap: peak used %s before a pause, **%s MiB after one**, %s full collections in %s "
                 "pauses; **in 512 MiB** (max %s): %s subscriptions/s (%s s)%s, peak used %s, %s MiB after a pause, "
                 "**%s full collections** in %s pauses" % (
                     spread(values.get("p4.gc.before.mib", []), lambda x: f0(x) + " MiB"),
                     spread(values.get("p4.gc.after.mib", []), f0), f0(sum(values.get("p4.gc.full", []))),
                     f0(sum(values.get("p4.gc.pauses", []))), mib(values.get("p4m.maxheap", [0])[0]),
                     f0(rate_m), f1(p4ms[0]),
                     "; CPU per subscription: JVM %s µs + PostgreSQL %s µs" % (
                         f1(cm["jvm_us"] / p4mn[0]), f1(cm["pg_us"] / p4mn[0])) if cm else "",
                     mib(peak_sampled("p4m-memory-*.txt")), f0(after_m), f0(full_m),
                     f0(values.get("p4m.gc.pauses", [0])[0])),
                 "P4's first run in the default heap: %s subscriptions/s; in 512 MiB: **%s of it**" % (
                     f0(rate_p4), "n/a" if math.isnan(rate_p4) else "%.0f %%" % (100 * rate_m / rate_p4)),
                 "met in 512 MiB" if within and full_m == 0 else "**missed**"))
# P5
p5w = [wrk(p) for p in files("p5-wrk-*.txt")]
p5n = values.get("p5.records", [])
batch = values.get("p5.batch", [1000])[0]
if p5w and p5n:
    seconds = [float(re.search(r"requests in ([\d.]+)s", read(p)).group(1)) for p in files("p5-wrk-*.txt")]
    rates = [n / t for n, t in zip(p5n, seconds)]
    for w, path in zip(p5w, files("p5-wrk-*.txt")):
        if w["bad"] or w["errors"] or "non200=0" not in read(path):
            warnings.append("P5: failed batches or socket errors: %s" % (w["errors"],))
    p5cpu = []
    for i, n in enumerate(p5n, start=1):
        c = cpu.get("p5.wrk.cpu", {}).get(i)
        if c and n:
            p5cpu.append((c["jvm_us"] / n, c["pg_us"] / n, c["client_us"] / n))
    rate = med(rates)
    rows.append(("P5", "Usage ingestion through `POST /api/v1/usage`: batches of %s new records for 10,000 "
                       "subscriptions below the big reseller, wrk -t2 -c4, records counted in the database" % f0(batch),
                 "≥ 20,000 records/s",
                 "**%s records/s**; batch latency p50 %s ms, p99 %s ms%s" % (
                     spread(rates, f0), spread([w.get("p50") for w in p5w], f1),
                     spread([w.get("p99") for w in p5w], f1), other("p5.wrk.cpu")),
                 ("CPU per record: JVM %s µs + PostgreSQL %s µs + wrk %s µs" % (
                     f1(med([x[0] for x in p5cpu])), f1(med([x[1] for x in p5cpu])), f1(med([x[2] for x in p5cpu])))
                  if p5cpu else "—"),
                 "met" if rate >= 20000 else "**missed**"))
else:
    rows.append(("P5", "Usage ingestion through the batch API", "≥ 20,000 records/s", "not measured in this run",
                 "—", "—"))

# P8
p8r, p8i, p8l = values.get("p8.records", []), values.get("p8.idle.seconds", []), values.get("p8.loaded.seconds", [])
P8_GOAL = "≥ 50,000 records/s, and P4 within 20 % of its idle figure"
if p8r and p8i and p8l:
    ratios = values.get("p8.ratio", []) or [l / i for l, i in zip(p8l, p8i)]
    for i, (failed, stored) in enumerate(zip(values.get("p8.failed", []), values.get("p8.records.stored", [])), 1):
        if failed or not stored:
            warnings.append("P8 run %d: %d failed batches (non-200 or socket errors), %s records stored" % (
                i, failed, f0(stored)))
    if values.get("p8.check.mismatches", [0])[0]:
        warnings.append("P8: %d days of usage_daily differ from the generated records" % values["p8.check.mismatches"][0])
    for what in ("idle", "loaded"):
        if sum(values.get("p8.%s.failed" % what, [])):
            warnings.append("P8: buyers failed in the %s billing runs" % what)

    def cores(key, windows):
        """CPU of the JVM, PostgreSQL and the client in cores (CPU seconds per second of the window), other work %"""
        runs_ = cpu.get(key, {})
        xs = [(runs_[i]["jvm_us"] / 1e6 / w, runs_[i]["pg_us"] / 1e6 / w, runs_[i]["client_us"] / 1e6 / w,
               runs_[i].get("other_pct", 0)) for i, w in enumerate(windows, 1) if i in runs_ and w]
        if not xs:
            return ""
        return "JVM %s + PostgreSQL %s + client %s cores, other work %s %%" % (
            tuple(spread([x[k] for x in xs], f2) for k in range(3)) + (spread([x[3] for x in xs], f0),))

    loaded_cpu = cores("p8.loaded.cpu", values.get("p8.loaded.window", []))
    idle_cpu = cores("p8.idle.cpu", values.get("p8.idle.window", []))
    stored = values.get("p8.stored", [0])[0]
    generated = values.get("p8.generate.seconds", [])
    idle_subs = med(values.get("p8.idle.subscriptions", []))
    rate, ratio = med(p8r), med(ratios)
    rows.append(("P8", "Usage at IoT scale: %s stored usage records (%s with its key, %s partitions; usage_daily %s "
                       "rows, %s), %s; then `POST /api/v1/usage` as P5 posts it (wrk -t2 -c4, batches of 1,000 new "
                       "records for 10,000 subscriptions below the big reseller, records summed from the answers) "
                       "while a billing run bills every subscription (%s), that subtree's included, from an empty "
                       "ledger" % (
                     f0(stored), mib(values.get("p8.bytes", [0])[0]), f0(values.get("p8.partitions", [0])[0]),
                     f0(values.get("p8.daily.rows", [0])[0]), mib(values.get("p8.daily.bytes", [0])[0]),
                     ("generated in PostgreSQL in %s s (and vacuumed in %s s)" % (
                         f0(generated[0]), f0(values.get("p8.vacuum.seconds", [0])[0])) if generated
                      else "held from before"), f0(idle_subs)),
                 P8_GOAL,
                 "**%s records/s** (%s records in %s s); billing run loaded %s s vs idle %s s: **ratio %s**%s" % (
                     spread(p8r, f0), spread(values.get("p8.records.stored", []), f0),
                     spread(values.get("p8.ingest.seconds", []), f1), spread(p8l, f1), spread(p8i, f1),
                     spread(ratios, f2), "; CPU while both ran: " + loaded_cpu if loaded_cpu else ""),
                 "the same billing run idle: %s s, %s subscriptions/s%s" % (
                     spread(p8i, f1), spread([n / t for n, t in zip(values.get("p8.idle.subscriptions", []), p8i)], f0),
                     "; CPU: " + idle_cpu if idle_cpu else ""),
                 "met" if rate >= 50000 and ratio <= 1.2 else "**missed**" + (
                     " (records/s)" if rate < 50000 and ratio <= 1.2 else
                     " (billing run slowed)" if rate >= 50000 else "")))
else:
    rows.append(("P8", "Usage at IoT scale: 100,000,000 stored usage records; ingestion while a billing run bills the "
                       "same subtree", P8_GOAL, "not measured in this run", "—", "—"))

# P10
p10n = values.get("p10.sent", [])
p10t = values.get("p10.seconds", [])
if p10n and p10t:
    rates = [n / t for n, t in zip(p10n, p10t) if t]
    for i, (mails, sent, failed, received) in enumerate(zip(values.get("p10.mails", []), p10n,
                                                           values.get("p10.failed", []), values.get("p10.received", [])),
                                                       start=1):
        if sent != mails or failed or received != mails:
            warnings.append("P10 run %d: %s mails queued, %s sent, %s failed, %s received by the sink" % (
                i, f0(mails), f0(sent), f0(failed), f0(received)))
    p10cpu = []
    for i, n in enumerate(p10n, start=1):
        c = cpu.get("p10.run.cpu", {}).get(i)
        if c and n:
            p10cpu.append((c["jvm_us"] / n, c["pg_us"] / n))
    rate = med(rates)
    rows.append(("P10", "E-mail through the outbox: %s invitation mails queued in one transaction, composed, rendered "
                       "(text and HTML) and sent by the `outbox-dispatch` jobs as shipped (2 dispatchers, batches of "
                       "200) to a local SMTP sink; from the queueing commit to the last `sent_at`" % f0(p10n[0]),
                 "≥ 500 mails/s",
                 "**%s mails/s**%s" % (spread(rates, f0), other("p10.run.cpu")),
                 ("CPU per mail: JVM %s µs + PostgreSQL %s µs" % (
                     f0(med([x[0] for x in p10cpu])), f0(med([x[1] for x in p10cpu]))) if p10cpu else "—"),
                 "met" if rate >= 500 else "**missed**"))
else:
    rows.append(("P10", "E-mail through the outbox to a local SMTP sink", "≥ 500 mails/s", "not measured in this run",
                 "—", "—"))
# P11
p11s, p11n = values.get("p11.seconds", []), values.get("p11.entries", [])
if p11s and p11n:
    for i, (n, matched, payments, dup) in enumerate(zip(p11n, values.get("p11.matched", []),
                                                        values.get("p11.payments", []),
                                                        values.get("p11.again.duplicates", [])), start=1):
        if not (n == matched == payments == dup):
            warnings.append("P11 run %d: %s entries, %s matched, %s payments, %s duplicates on the second import"
                            % (i, n, matched, payments, dup))
    c = [cpu.get("p11.run.cpu", {}).get(i) for i in range(1, len(p11s) + 1)]
    c = [(x["jvm_us"] / n, x["pg_us"] / n) for x, n in zip(c, p11n) if x]
    seconds = med(p11s)
    rows.append(("P11", "Bank statement import: a camt.053 statement of %s booked credits, each naming one of the "
                        "issuer's %s open invoices, read, matched and recorded as payments (allocations, audit, "
                        "payment mail queued) in one request" % (f0(p11n[0]), f0(p11n[0])),
                 "≤ 10 s",
                 "**%s s**%s%s" % (spread(p11s, f1),
                                  "; CPU per entry: JVM %s µs + PostgreSQL %s µs" % (
                                      f0(med([x[0] for x in c])), f0(med([x[1] for x in c]))) if c else "",
                                  other("p11.run.cpu")),
                 "the same statement again: %s s, every entry a duplicate" % spread(
                     values.get("p11.again.seconds", []), f1),
                 "met" if seconds <= 10 else "**missed**"))
else:
    rows.append(("P11", "Bank statement import, 10,000 entries", "≤ 10 s", "not measured in this run", "—", "—"))
# P12
p12s, p12n = values.get("p12.seconds", []), values.get("p12.buyers", [])
if p12s and p12n:
    if any(values.get("p12.rerun.steps", [])):
        warnings.append("P12: the same evaluation run again took steps")
    c = [cpu.get("p12.run.cpu", {}).get(i) for i in range(1, len(p12n) + 1)]
    c = [(x["jvm_us"] / n, x["pg_us"] / n) for x, n in zip(c, p12n) if x]
    per_million = [t * 1000000 / n for t, n in zip(p12s, p12n)]
    rows.append(("P12", "Dunning evaluation (`POST /api/v1/dunning/evaluations`, what the daily job runs) over %s "
                        "buyers with an open invoice, %s of them overdue by 1 to 40 days (the default policy): %s steps "
                        "taken, %s subscriptions suspended" % (f0(med(p12n)), f0(med(values.get("p12.overdue", [0]))),
                                                             f0(med(values.get("p12.steps", [0]))),
                                                             f0(med(values.get("p12.suspended", [0])))),
                 "1,000,000 buyers in ≤ 60 s",
                 "**%s s per run** (%s s per million buyers)%s; the same evaluation again: %s s, %s steps%s" % (
                     spread(p12s, f2), spread(per_million, f1),
                     "; CPU per buyer: JVM %s µs + PostgreSQL %s µs" % (
                         f1(med([x[0] for x in c])), f1(med([x[1] for x in c]))) if c else "",
                     spread(values.get("p12.rerun.seconds", []), f2),
                     f0(sum(values.get("p12.rerun.steps", []))), other("p12.run.cpu")),
                 "—",
                 "met" if med(per_million) <= 60 else "**missed**"))
else:
    rows.append(("P12", "Dunning evaluation over 1,000,000 buyers", "≤ 60 s", "not measured in this run", "—", "—"))
# P13
p13w = [wrk(p) for p in files("p13-wrk-*.txt")]
p13r = [wrk(p) for p in files("p13-revalidate-*.txt")]
if p13w:
    p99 = med([w.get("p99") for w in p13w])
    if any(w["bad"] for w in p13w):
        warnings.append("P13: the storefront list answered non-2xx/3xx responses")
    rows.append(("P13", "Storefront plan list `GET /store/{slug}` (public, HTML) of the big reseller with %s published "
                        "end-customer plans (derived prices), %s bytes, one connection (`wrk -t1 -c1`, loopback)" % (
                     f0(med(values.get("p13.plans", [0]))), f0(med(values.get("p13.bytes", [0])))),
                 "p99 ≤ 50 ms",
                 "p50 %s ms, **p99 %s ms**; %s req/s%s" % (spread([w.get("p50") for w in p13w], f2),
                                                        spread([w.get("p99") for w in p13w], f2),
                                                        spread([w["rps"] for w in p13w], f0), other("p13.wrk.cpu")),
                 "the same page revalidated (`If-None-Match`, 304): p50 %s ms, p99 %s ms" % (
                     spread([w.get("p50") for w in p13r], f2), spread([w.get("p99") for w in p13r], f2))
                 if p13r else "—",
                 "met" if p99 <= 50 else "**missed**"))
else:
    rows.append(("P13", "Storefront plan list with 1,000 published plans", "p99 ≤ 50 ms", "not measured in this run",
                 "—", "—"))
# P7
P7_PAGES = (("dashboard", "dashboard (`/panel`)"), ("tree", "account tree (`/panel/accounts`, the children)"),
            ("search", "search of the whole subtree by a customer's name (`/panel/accounts?scope=subtree&q=…`)"),
            ("account", "its own account page"), ("subscriptions", "its own account's subscriptions"),
            ("invoices", "its own account's invoices"), ("billing", "billing (runs; the provider's only)"))
for who, whom in (("provider", "the provider's administrator"), ("big", "the big reseller's administrator")):
    for page, what in P7_PAGES:
        ws = [wrk(p) for p in files("p7-%s-%s-*.txt" % (who, page))]
        if not ws:
            continue
        if any(w["bad"] or w["errors"] for w in ws):
            warnings.append("P7: %s as %s answered non-2xx/3xx or had socket errors" % (page, whom))
        c = cpu.get("p7.%s.%s.cpu" % (who, page), {})
        per = [(c[i]["jvm_us"] / w["n"], c[i]["pg_us"] / w["n"]) for i, w in enumerate(ws, 1) if i in c and w["n"]]
        p99 = med([w.get("p99") for w in ws])
        rows.append(("P7", "Panel page signed in as %s: %s; `wrk -t1 -c1`, loopback" % (whom, what),
                     "p99 ≤ 100 ms",
                     "p50 %s ms, **p99 %s ms**; %s requests per run%s" % (
                         spread([w.get("p50") for w in ws], f1), spread([w.get("p99") for w in ws], f1),
                         spread([w["n"] for w in ws], f0), other("p7.%s.%s.cpu" % (who, page))),
                     "first request %s ms; CPU per request: JVM %s µs + PostgreSQL %s µs" % (
                         f0(1000 * values.get("p7.%s.%s.first" % (who, page), [math.nan])[0]),
                         f0(med([x[0] for x in per])) if per else "n/a", f0(med([x[1] for x in per])) if per else "n/a"),
                     "met" if p99 <= 100 else "**missed**"))
# P9
p9s, p9n = values.get("p9.seconds", []), values.get("p9.deliveries", [])
if p9s and p9n:
    rates = [n / t for n, t in zip(p9n, p9s)]
    if any(values.get("p9.failed", [])):
        warnings.append("P9: %d deliveries needed more than one attempt" % sum(values.get("p9.failed", [])))
    received = values.get("p9.received", [0])[0]
    if received < sum(p9n):
        warnings.append("P9: the receiver counted %d requests for %d deliveries" % (received, sum(p9n)))
    c = [cpu.get("p9.run.cpu", {}).get(i) for i in range(1, len(p9n) + 1)]
    c = [(x["jvm_us"] / n, x["pg_us"] / n) for x, n in zip(c, p9n) if x]
    rate = med(rates)
    rows.append(("P9", "Webhook deliveries through the outbox (`outbox-dispatch`, the WEBHOOK channel: signed POSTs "
                       "over pooled keep-alive connections, sent in parallel) to a receiver on loopback: %s queued "
                       "deliveries of about 1 kB, one resource each, timed until all are recorded SENT" % f0(med(p9n)),
                 "≥ 2,000 deliveries/s",
                 "**%s deliveries/s** (%s s per run)%s%s" % (
                     spread(rates, f0), spread(p9s, f1),
                     "; CPU per delivery: JVM %s µs + PostgreSQL %s µs" % (
                         f1(med([x[0] for x in c])), f1(med([x[1] for x in c]))) if c else "",
                     other("p9.run.cpu")),
                 "receiver (JDK HTTP server, same machine) counted %s requests" % f0(received),
                 "met" if rate >= 2000 else "**missed**"))

# P6
for key, what in (("p6.warm", "existing data directory (restart)"),
                  ("p6.empty", "empty data directory (first start: initdb, migrations, provider)"),
                  ("p6.fresh", "empty data directory and nothing unpacked yet (new machine)"),
                  ("p6.cds", "existing data directory, the jar extracted with an AppCDS archive (deployment "
                             "option, not the default)"),
                  ("p6.aot", "existing data directory, the jar extracted, on JDK 25 with an AOT cache (deployment "
                             "option, not the default)")):
    xs = values.get(key, [])
    if xs:
        m = med(xs)
        runs_ = cpu.get(key + ".cpu", {})
        c = [(runs_[k]["jvm_us"] / 1e6, runs_[k]["pg_us"] / 1e6) for k in sorted(runs_)]
        rows.append(("P6", "`java -jar` to the first 200 of `/actuator/health`, " + what, "≤ 6 s",
                     "**%s s**%s%s" % (spread(xs, f2),
                                       "; CPU of the start: JVM %s s + PostgreSQL %s s" % (
                                           spread([x[0] for x in c], f2), spread([x[1] for x in c], f2))
                                       if c else "", other(key + ".cpu")),
                     "—", "met" if m <= 6 else "**missed**"))

# memory during P1
mem = []
mp = os.path.join(res, "p1-memory.txt")
if os.path.exists(mp):
    for line in read(mp).split("\n"):
        parts = line.split()
        if len(parts) == 4 and all(p.isdigit() for p in parts):
            mem.append([int(p) for p in parts])
if mem:
    heap, committed, rss, pss = (max(c[i] for c in mem) for i in range(4))
    rows.append(("mem", "Peak during P1 (sampled every second)", "report",
                 "heap used %s (committed %s, max %s); JVM RSS %s (VmHWM over the process's life %s)" % (
                     mib(heap), mib(committed), mib(values.get("p1.jvm.maxheap", [0])[0]), mib(rss),
                     mib(values.get("p1.jvm.hwm", [0])[0])),
                 "PostgreSQL (all its processes, PSS) %s" % mib(pss), "—"))

mem4 = []
for mp in sorted(glob.glob(os.path.join(res, "p4-memory-*.txt"))):
    for line in read(mp).split("\n"):
        parts = line.split()
        if len(parts) == 4 and all(p.isdigit() for p in parts):
            mem4.append([int(p) for p in parts])
if mem4:
    heap, committed, rss, pss = (max(c[i] for c in mem4) for i in range(4))
    rows.append(("mem", "Peak during P4 (sampled every second)", "report",
                 "heap used %s (committed %s); JVM RSS %s (VmHWM over the process's life %s)" % (
                     mib(heap), mib(committed), mib(rss), mib(values.get("p4.jvm.hwm", [0])[0])),
                 "PostgreSQL (all its processes, PSS) %s" % mib(pss), "—"))

print("Run of %s — %s" % (notes.get("started", "?"), notes.get("sizes", "")))
print()
print("- Machine: %s; load average at start %s" % (notes.get("machine", "?"), notes.get("load", "?")))
print("- JDK: %s%s" % (notes.get("jdk", "?"), "; for P6's AOT cache row: %s" % notes["aot_java"]
                       if notes.get("aot_java") else ""))
print("- PostgreSQL: %s" % notes.get("postgres", "?"))
print("- Cascade: commit %s" % notes.get("commit", "?"))
print("- Data: %s accounts (deepest level %s), %s users, %s API tokens, generated in %s s; %s subscriptions (%s "
      "active), generated in %s s; database %s" % (
    f0(values["gen.accounts"][0]), values["gen.maxlevel"][0], f0(values["gen.users"][0]),
    f0(values["gen.tokens"][0]), f1(values["gen.seconds"][0]), f0(values.get("gen.subscriptions", [0])[0]),
    f0(values.get("gen.activesubscriptions", [0])[0]), f1(values.get("gen.subseconds", [0])[0]),
    mib(values["gen.dbbytes"][0])))
quiet = ", ".join("%s %s" % (k.split(".")[1], v.split(" after")[0]) for k, v in notes.items() if k.startswith("quiet."))
if quiet:
    print("- Other work on the machine, CPU busy just before each phase: %s" % quiet)
print("- Medians of %d runs, with (min–max)." % runs)
print()
print("| # | What | Goal | Measured | Reference, same run | Verdict |")
print("|---|---|---|---|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")
for w in warnings:
    print()
    print("Warning: " + w)
