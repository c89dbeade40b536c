-- wrk script for bench/run.py: POSTs the bodies of a file (one JSON body a line) in
-- turn, with the bearer token, and prints one JSON line of figures when done.
local bodies = {}
local index = 0

function init(args)
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  wrk.method = "POST"
  wrk.path = args[2]
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. args[3]
end

function request()
  index = index % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[index])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"rps": %.1f, "requests": %d, "errors": %d, "p50_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests / (summary.duration / 1e6), summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
