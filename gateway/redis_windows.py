"""Sliding windows of subjects in Redis, so that replicas behind one load balancer charge
one budget per client.

Each client's window is a sorted set (member: subject hash, score: time seen); a Lua
script prunes, counts and adds in one step, so two gateways cannot both let the last
subjects through. Keys hold a hash of the client, never its address. If Redis cannot be
reached the check raises, and the pipeline refuses the response (fail closed).
"""

from __future__ import annotations

import hashlib
import time

import redis

_CHARGE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
local count = redis.call('ZCARD', KEYS[1])
local new = 0
for i = 4, #ARGV do
  if not redis.call('ZSCORE', KEYS[1], ARGV[i]) then new = new + 1 end
end
if count + new > tonumber(ARGV[3]) then return 0 end
for i = 4, #ARGV do redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i]) end
redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2])))
return 1
"""


class RedisWindows:
    def __init__(self, url: str, prefix: str = "phigate:window:") -> None:
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._charge = self._redis.register_script(_CHARGE)
        self._prefix = prefix

    def ping(self) -> bool:
        return bool(self._redis.ping())

    def charge(self, client: str, subjects: set[str], limit: int, window: float) -> bool:
        key = self._prefix + hashlib.sha256(client.encode()).hexdigest()[:32]
        args = [repr(time.time()), repr(window), str(limit), *sorted(subjects)]
        return bool(self._charge(keys=[key], args=args))
