-- wrk script for bench/run-customers.sh. Arguments after `--`:
--   mode      "detail": every request reads a random customer;
--             "create": every request creates one customer;
--             "mixed": 70 % detail of a random customer, 20 % search, 8 % list, 2 % create
--   csrf      the session's CSRF token (POST needs it)
--   max_id    detail requests pick an id from 1 to max_id
-- The session cookie comes in with wrk's -H.

local next_thread = 1
function setup(thread)
  thread:set("thread_number", next_thread)
  next_thread = next_thread + 1
end

local mode, csrf, max_id
local get_headers, post_headers = {}, {}
local created = 0
local searches = {
  "/api/v1/customers?q=%E5%8D%8E%E5%85%B4&limit=20",  -- 华兴
  "/api/v1/customers?q=%E5%8D%8E&limit=20",           -- 华
  "/api/v1/customers?q=szhx&limit=20",
  "/api/v1/customers?q=shenzhen&limit=20",
  "/api/v1/customers?q=8888&limit=20",
}

function init(args)
  mode, csrf, max_id = args[1], args[2], tonumber(args[3] or "1")
  math.randomseed(os.time() * 100 + thread_number)
  for name, value in pairs(wrk.headers) do
    get_headers[name] = value
    post_headers[name] = value
  end
  post_headers["Content-Type"] = "application/json"
  post_headers["X-CSRF-Token"] = csrf
end

local function create()
  created = created + 1
  local body = string.format('{"kind":"organization","name":"压测客户%d号%d"}', thread_number, created)
  return wrk.format("POST", "/api/v1/customers", post_headers, body)
end

local function detail()
  return wrk.format("GET", "/api/v1/customers/" .. math.random(max_id), get_headers)
end

function request()
  if mode == "create" then return create() end
  if mode == "detail" then return detail() end
  local r = math.random(100)
  if r <= 70 then return detail() end
  if r <= 90 then return wrk.format("GET", searches[math.random(#searches)], get_headers) end
  if r <= 98 then return wrk.format("GET", "/api/v1/customers?limit=50", get_headers) end
  return create()
end
