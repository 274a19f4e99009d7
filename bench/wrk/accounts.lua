-- wrk script for P1: GET /api/v1/accounts/{id} with a bearer token, cycling through the account ids listed in
-- the file named by the environment variable BENCH_IDS (one per line; bench/run.sh writes deep accounts there).
-- BENCH_TOKEN is the bearer token.
local ids = {}
local token = os.getenv("BENCH_TOKEN")
local counter = 0

for line in io.lines(os.getenv("BENCH_IDS")) do
  if #line > 0 then ids[#ids + 1] = line end
end

function setup(thread)
  -- threads start at different offsets of the list
  thread:set("offset", math.random(#ids))
end

function init(args)
  counter = tonumber(offset) or 0
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Accept"] = "application/json"
end

function request()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/accounts/" .. ids[(counter % #ids) + 1])
end
