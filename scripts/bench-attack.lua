-- wrk's side of `npm run bench:attack`: each request carries its own DPoP proof, made in advance by
-- scripts/bench-attack.mjs (one line per request: path, a tab, the proof). Thread k of n takes lines
-- k, k + n, ...; a thread that runs out starts again (the hub then answers 401 replayed_proof, which
-- wrk counts as a non-2xx answer, so a run that needed more proofs shows it).
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  local count = tonumber(args[2])
  local n = 0
  for line in io.lines(args[1]) do
    if n % count == id then
      local path, proof = line:match("^([^\t]+)\t(.+)$")
      table.insert(requests, wrk.format("GET", path, { ["DPoP"] = proof, ["Accept-Encoding"] = "gzip" }))
    end
    n = n + 1
  end
  next_request = 1
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end
