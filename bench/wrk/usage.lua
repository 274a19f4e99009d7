-- wrk script for P5: POST /api/v1/usage, batches of BENCH_BATCH records (default 1000) with a bearer token.
-- BENCH_SUBS names a file of subscription ids (one per line) that the token may report usage for; BENCH_AT is the
-- records' timestamp (ISO-8601, not in the future). Every record id is new (thread number, request number, index),
-- so every record is accepted and written; a non-200 answer is counted and its first one printed. The records each
-- 200 answer says were stored ("accepted", which "stored" would be taken for as well) are summed, so that the
-- records stored while wrk ran are known without counting the table (P8: a count of 100 million rows would weigh on
-- what it measures). done() prints one line: BENCH_LABEL (P5) batch= requests= non200= errors= (connect, read,
-- write and timeout errors of the sockets) stored= duration_us= (wrk's own, also when stopped with SIGINT).
local token = os.getenv("BENCH_TOKEN")
local at = os.getenv("BENCH_AT")
local batch = tonumber(os.getenv("BENCH_BATCH") or "1000")
local label = os.getenv("BENCH_LABEL") or "P5"
local subs = {}
for line in io.lines(os.getenv("BENCH_SUBS")) do
  if #line > 0 then subs[#subs + 1] = line end
end

local threads = {}
local thread_no = 0

function setup(thread)
  thread_no = thread_no + 1
  thread:set("tno", thread_no)
  thread:set("run", os.time())
  threads[#threads + 1] = thread
end

local counter = 0
failures = 0
stored = 0
local reported = false

function init(args)
  wrk.method = "POST"
  wrk.path = "/api/v1/usage"
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
end

function request()
  counter = counter + 1
  local parts = {}
  local prefix = "b" .. run .. "-" .. tno .. "-" .. counter .. "-"
  local offset = (counter * batch + tno * 7919) % #subs
  for i = 1, batch do
    local sub = subs[((offset + i) % #subs) + 1]
    parts[i] = '{"id":"' .. prefix .. i .. '","subscriptionId":"' .. sub ..
        '","resourceType":"bench_gb","quantity":0.25,"at":"' .. at .. '"}'
  end
  return wrk.format(nil, nil, nil, '{"records":[' .. table.concat(parts, ",") .. ']}')
end

function response(status, headers, body)
  if status == 200 then
    local n = string.match(body, '"accepted"%s*:%s*(%d+)') or string.match(body, '"stored"%s*:%s*(%d+)')
    if n then stored = stored + tonumber(n) end
  else
    failures = failures + 1
    if not reported then
      reported = true
      io.stderr:write("usage batch answered " .. status .. ": " .. string.sub(body, 1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local failed, total = 0, 0
  for _, t in ipairs(threads) do
    failed = failed + (t:get("failures") or 0)
    total = total + (t:get("stored") or 0)
  end
  local e = summary.errors
  io.write(string.format("%s batch=%d requests=%d non200=%d errors=%d stored=%d duration_us=%d\n", label, batch,
    summary.requests, failed, e.connect + e.read + e.write + e.timeout, total, summary.duration))
end
