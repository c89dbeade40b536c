-- wrk script for bench/run.py: POSTs the bodies of a file (one JSON body a line) in
-- turn, with the bearer token, and prints one JSON line of figures when done.
-- Arguments: bodies file, path, token, and optionally the index to start at (bench/run.py
-- runs wrk one second at a time for the cold start and carries on where it stopped).
-- Each thread starts at its own share of the file, so that the threads do not ask the
-- same questions at the same moment (which would flatter a cold cache).
local bodies = {}
local index = 0
local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
  thread:set("thread_count", threads)
end

function init(args)
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  wrk.method = "POST"
  wrk.path = args[2]
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. args[3]
  local start = tonumber(args[4] or "0") or 0
  -- threads are set up in turn, so thread_count is final only for the last one: use
  -- wrk's own thread count from the arguments when given (bench/run.py passes it).
  local count = tonumber(args[5] or "0") or 0
  if count < 1 then count = 1 end
  index = (start + math.floor(#bodies / count) * (thread_number or 0)) % #bodies
end

function request()
  index = index % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[index])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"rps": %.1f, "requests": %d, "errors": %d, "non2xx": %d, "p50_ms": %.2f, '
    .. '"p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests / (summary.duration / 1e6), summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
