-- wrk script: a mix of page types with many different URLs, so the memory
-- run exercises more than one cached page. Story and section addresses come
-- from the generator's naming (story-<n>, the fixed section list).
local sections = {"india", "world", "business", "science", "sport", "culture", "politics", "technology"}
local stories = tonumber(os.getenv("BENCH_STORIES") or "10000")
math.randomseed(os.time())

request = function()
  local r = math.random()
  local path
  if r < 0.6 then
    path = "/story/story-" .. math.random(0, stories - 1) .. "/"
  elseif r < 0.8 then
    path = "/section/" .. sections[math.random(#sections)] .. "/"
  elseif r < 0.9 then
    path = "/tag/tag-" .. math.random(0, 500) .. "/"
  else
    path = "/"
  end
  return wrk.format("GET", path)
end
