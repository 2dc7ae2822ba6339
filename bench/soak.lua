-- wrk script for the soak and the memory run: mixed page traffic, and a count of responses
-- by status class so the run can prove "zero 5xx" (wrk itself only reports
-- "non-2xx or 3xx", which lumps a harmless 404 together with a 500).
local sections = {"india", "world", "business", "science", "sport", "culture", "politics", "technology"}
local stories = tonumber(os.getenv("BENCH_STORIES") or "2000")
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  counts = {s2 = 0, s3 = 0, s4 = 0, s5 = 0}
end

request = function()
  local r = math.random()
  local path
  if r < 0.55 then
    path = "/story/story-" .. math.random(1, stories) .. "/"
  elseif r < 0.75 then
    path = "/section/" .. sections[math.random(#sections)] .. "/"
  elseif r < 0.85 then
    path = "/tag/tag-" .. math.random(0, 500) .. "/"
  else
    path = "/"
  end
  return wrk.format("GET", path)
end

response = function(status, headers, body)
  local key = "s" .. math.floor(status / 100)
  counts[key] = (counts[key] or 0) + 1
end

done = function(summary, latency, requests)
  local total = {s2 = 0, s3 = 0, s4 = 0, s5 = 0}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for key, value in pairs(c) do
      total[key] = (total[key] or 0) + value
    end
  end
  io.write(string.format("STATUS 2xx=%d 3xx=%d 4xx=%d 5xx=%d\n", total.s2, total.s3, total.s4, total.s5))
end
