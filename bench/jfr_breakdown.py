#!/usr/bin/env python3
"""Where a JVM's CPU went, from a JFR recording's execution samples: bench/jfr_breakdown.py recording.jfr

Each sample is given to the first of these that has real work on its stack, looking from the top (innermost)
frame down: a filter that only hands the request on does not count. Used for the P1 profile in
docs/benchmarks.md; record with, for example,
  jcmd <pid> JFR.start name=p1 settings=profile filename=p1.jfr   (then load it with wrk)
  jcmd <pid> JFR.stop name=p1
"""
import collections
import re
import subprocess
import sys

BUCKETS = [
    ("Micrometer observations (metrics of requests and of every security filter)", r"^io\.micrometer\."),
    ("JDBC: JdbcClient, pgjdbc, HikariCP", r"^(org\.springframework\.jdbc|org\.postgresql|com\.zaxxer)\."),
    ("Jackson: response JSON", r"^tools\.jackson\.|^com\.fasterxml\."),
    ("logging", r"^(ch\.qos\.logback|org\.slf4j)\."),
]
PASS_ON = re.compile(r"\.(doFilter|doFilterInternal|wrapFilter|invoke|service|handle|lambda\$\w+|proceed|doDispatch|"
                     r"processRequest|doGet|process|run|runWorker|doRun)$")
LAYERS = [
    ("Spring Security (request matching, headers, firewall, context)", "org.springframework.security"),
    ("Tomcat (HTTP parsing, socket I/O)", "org.apache."),
    ("Spring MVC (routing, arguments, content negotiation)", "org.springframework.web"),
]


def bucket(frames):
    for f in frames:
        for name, pattern in BUCKETS:
            if re.search(pattern, f):
                return name
    for f in frames:
        if f.startswith("io.cascade"):
            return "Cascade code"
        for name, prefix in LAYERS:
            if f.startswith(prefix) and not PASS_ON.search(f):
                return name
    return "other (JDK, unattributed)"


def main():
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "128", sys.argv[1]],
                          check=True, capture_output=True, text=True).stdout
    counts, observation_callers, n = collections.Counter(), collections.Counter(), 0
    for event in text.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w$.<>]+)\(.*?\)\s+line:", event, re.M)
        if not frames:
            continue
        n += 1
        counts[bucket(frames)] += 1
        inside = [i for i, f in enumerate(frames) if f.startswith("io.micrometer.")]
        if inside and max(inside) + 1 < len(frames):
            observation_callers[frames[max(inside) + 1].rsplit(".", 1)[0].split(".")[-1]] += 1
    print("%d execution samples" % n)
    for name, c in counts.most_common():
        print("%5.1f %%  %s" % (100.0 * c / n, name))
    print("\nMicrometer time by the code that started the observation:")
    for name, c in observation_callers.most_common(8):
        print("%5.1f %%  %s" % (100.0 * c / n, name))


if __name__ == "__main__":
    main()
