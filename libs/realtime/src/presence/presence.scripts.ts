import { LuaScript } from '../redis/lua-script.js';

/**
 * Presence lives in Redis so every node agrees. Keys under P = `<prefix>realtime:presence:`:
 *   P..'nodes'            ZSET nodeId -> heartbeat expiry (ms); a crashed node simply stops renewing
 *   P..'conns:'..uid      HASH '<nodeId>/<socketId>' -> '1', the user's live devices
 *   P..'nodeusers:'..node SET of users with a device on that node (cleanup after a crash)
 *   P..'manual:'..uid     HASH status, until: a chosen away/dnd
 *   P..'active:'..uid     last activity (ms) over all devices
 *   P..'pub:'..uid        the last status pushed to subscribers ('status|untilMs')
 *   P..'due'              ZSET uid -> when the status may change by itself (idle -> away, dnd end)
 * COMPUTE derives the status from these and returns the new value only when it changed, so
 * exactly one node (the one whose script saw the change) pushes it.
 */
const COMPUTE = `
local function compute(P, uid, now, awayMs)
  local connsKey = P .. 'conns:' .. uid
  local alive = 0
  for _, f in ipairs(redis.call('HKEYS', connsKey)) do
    local node = string.match(f, '^([^/]+)/')
    local exp = node and redis.call('ZSCORE', P .. 'nodes', node)
    if exp and tonumber(exp) > now then alive = alive + 1 else redis.call('HDEL', connsKey, f) end
  end
  local status, untilMs, due = 'offline', 0, nil
  local manualKey = P .. 'manual:' .. uid
  local manual = redis.call('HMGET', manualKey, 'status', 'until')
  local mstatus, muntil = manual[1], tonumber(manual[2] or '0') or 0
  if mstatus and muntil > 0 and muntil <= now then
    redis.call('DEL', manualKey)
    mstatus = nil
  end
  if alive > 0 then
    if mstatus then
      status, untilMs = mstatus, muntil
      if muntil > 0 then due = muntil end
    else
      local last = tonumber(redis.call('GET', P .. 'active:' .. uid) or '0') or 0
      if now - last >= awayMs then status = 'away' else status = 'online'; due = last + awayMs end
    end
  elseif mstatus and muntil > 0 then
    due = muntil
  end
  if due then redis.call('ZADD', P .. 'due', due, uid) else redis.call('ZREM', P .. 'due', uid) end
  local value = status .. '|' .. untilMs
  local prev = redis.call('GET', P .. 'pub:' .. uid) or 'offline|0'
  if prev == value then return false end
  if status == 'offline' then redis.call('DEL', P .. 'pub:' .. uid) else redis.call('SET', P .. 'pub:' .. uid, value) end
  return value
end
`;

/** ARGV: P, uid, connField, nodeId, now, awayMs, nodeExpiry */
export const CONNECT = new LuaScript(`${COMPUTE}
local P, uid, field, node, now, awayMs, nodeExp = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
redis.call('ZADD', P .. 'nodes', nodeExp, node)
redis.call('HSET', P .. 'conns:' .. uid, field, '1')
redis.call('SADD', P .. 'nodeusers:' .. node, uid)
redis.call('SET', P .. 'active:' .. uid, now)
return compute(P, uid, now, awayMs)
`);

/** ARGV: P, uid, connField, now, awayMs */
export const DISCONNECT = new LuaScript(`${COMPUTE}
local P, uid, field, now, awayMs = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
redis.call('HDEL', P .. 'conns:' .. uid, field)
return compute(P, uid, now, awayMs)
`);

/** Activity, or a chosen status. ARGV: P, uid, now, awayMs, status ('' = activity only, 'online' clears), untilMs */
export const TOUCH = new LuaScript(`${COMPUTE}
local P, uid, now, awayMs, status, untilMs = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], ARGV[6]
redis.call('SET', P .. 'active:' .. uid, now)
if status == 'online' then redis.call('DEL', P .. 'manual:' .. uid)
elseif status ~= '' then redis.call('HSET', P .. 'manual:' .. uid, 'status', status, 'until', untilMs) end
return compute(P, uid, now, awayMs)
`);

/**
 * Heartbeat of this node, then the clean-up any node may do: users of nodes whose heartbeat
 * expired (a crash) and users whose status is due to change. Returns [uid, value, ...].
 * ARGV: P, nodeId, now, awayMs, nodeExpiry
 */
export const SWEEP = new LuaScript(`${COMPUTE}
local P, node, now, awayMs, nodeExp = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
redis.call('ZADD', P .. 'nodes', nodeExp, node)
local changed = {}
for _, dead in ipairs(redis.call('ZRANGEBYSCORE', P .. 'nodes', '-inf', now, 'LIMIT', 0, 10)) do
  redis.call('ZREM', P .. 'nodes', dead)
  local usersKey = P .. 'nodeusers:' .. dead
  for _, uid in ipairs(redis.call('SMEMBERS', usersKey)) do
    local v = compute(P, uid, now, awayMs)
    if v then table.insert(changed, uid); table.insert(changed, v) end
  end
  redis.call('DEL', usersKey)
end
for _, uid in ipairs(redis.call('ZRANGEBYSCORE', P .. 'due', '-inf', now, 'LIMIT', 0, 500)) do
  local v = compute(P, uid, now, awayMs)
  if v then table.insert(changed, uid); table.insert(changed, v) end
end
return changed
`);

/** A node shutting down cleanly stops counting as alive at once. ARGV: P, nodeId */
export const LEAVE = new LuaScript(`
redis.call('ZADD', ARGV[1] .. 'nodes', 0, ARGV[2])
return 1
`);
