"""Databases and stores through their client libraries: Supabase/PostgREST, SQL ORMs, MongoDB,
Redis, Prisma. (SQL text sent to a driver's execute() is read in the language scanners, which
see the statement.)"""

from __future__ import annotations

import re

from parr.scan.effects_kb import Family

# supabase.table("t").insert(...).execute(), .from_("t").update(...).eq(...), .storage.from_(b).upload
SUPABASE = Family(
    name="supabase",
    what="writes rows through PostgREST",
    capability="",
    py_modules=frozenset({"supabase", "postgrest", "supabase_py", "supabase_client"}),
    ts_modules=("@supabase/",),
    receivers=re.compile(r"(?:table|from_?|schema)\(\)|storage", re.I),
    identifying=re.compile(r"(?:^|\.)(?:table|from_)\(\)(?:\.\w+\(\))*$|supabase", re.I),
    methods=frozenset({"insert", "update", "upsert", "delete", "upload", "remove", "move", "copy"}),
)

# supabase.rpc("fn", {...}): a Postgres function, named by its author. A name that reads (get_, list_,
# search_, match_documents) reads; any other may write, and counts as a weak sign.
RPC_READ_VERBS = frozenset("get list search match find count select fetch lookup read query check similarity".split())


def rpc_effect(function_name: str | None) -> tuple[str, str] | None:
    """(strength, evidence) of calling the database function `function_name` through rpc()."""
    from parr.scan.effects_kb import words_of

    words = words_of(function_name or "")
    if words and words[0] in RPC_READ_VERBS:
        return None
    return ("weak", f"calls database function {function_name!r} (rpc)" if function_name else "calls a database function (rpc)")


# SQLAlchemy / SQLModel sessions, Django models and querysets, Peewee, Tortoise.
ORM = Family(
    name="orm",
    what="writes through the ORM",
    py_modules=frozenset({"sqlalchemy", "sqlmodel", "flask_sqlalchemy", "django", "peewee", "tortoise",
                          "pony", "ormar", "beanie", "odmantic", "mongoengine", "piccolo"}),
    receivers=re.compile(r"session|\bdb\b|db\.session|objects|sess\b|\bs\b|uow|transaction|\w+\(\)|"
                         r"record|instance|obj|model|user|order|item|entry|row", re.I),
    methods=frozenset({"add", "add_all", "delete", "merge", "commit", "bulk_save_objects", "bulk_insert_mappings",
                       "bulk_update_mappings", "bulk_create", "bulk_update", "get_or_create", "update_or_create",
                       "save", "insert", "update", "create", "execute_write"}),
)

# pymongo / motor collections: the method names are the MongoDB CRUD spec's, unique to it.
MONGODB = Family(
    name="mongodb",
    what="writes to MongoDB",
    anywhere=True,
    methods=frozenset({"insert_one", "insert_many", "update_one", "update_many", "replace_one", "delete_one",
                       "delete_many", "find_one_and_update", "find_one_and_replace", "find_one_and_delete",
                       "bulk_write", "drop_collection", "insertOne", "insertMany", "updateOne", "updateMany",
                       "replaceOne", "deleteOne", "deleteMany", "findOneAndUpdate", "findOneAndReplace",
                       "findOneAndDelete", "bulkWrite", "dropCollection"}),
)

# MongoDB CRUD methods whose arguments hold a query: a filter, an update document or an aggregation pipeline (the
# Node driver's `coll.find(filter)`, mongosh's service provider `provider.find(db, coll, filter)`). What is handed to
# one whole is MQL the database interprets, as SQL text is to a SQL driver; inserts take documents (data), not queries.
MONGODB_QUERIES = frozenset({
    "find", "findOne", "countDocuments", "count", "distinct", "aggregate", "updateOne", "updateMany", "replaceOne",
    "deleteOne", "deleteMany", "findOneAndUpdate", "findOneAndReplace", "findOneAndDelete", "find_one", "count_documents",
    "update_one", "update_many", "delete_one", "delete_many", "find_one_and_update", "find_one_and_delete",
    "aggregateDb",
})
# Aggregations (a collection's, or mongosh's service provider `aggregateDb(db, pipeline)` of a database): a pipeline
# may end in a `$out` or `$merge` stage, which writes the results into a collection.
MONGODB_PIPELINES = frozenset({"aggregate", "aggregateDb"})

# redis-py / ioredis / @upstash/redis commands that write (the Redis command table's write flag).
_REDIS_WRITES = frozenset(
    """set setex psetex setnx mset msetnx getset getdel getex append incr incrby incrbyfloat decr decrby
    delete del unlink expire expireat pexpire persist rename renamenx hset hsetnx hmset hdel hincrby
    lpush rpush lpushx rpushx lpop rpop lset ltrim lrem linsert rpoplpush blpop brpop lmove sadd srem
    spop smove zadd zrem zincrby zpopmin zpopmax zremrangebyscore zremrangebyrank xadd xdel xtrim
    xack publish flushdb flushall pfadd geoadd copy restore json_set""".split()
)
REDIS = Family(
    name="redis",
    what="writes to Redis",
    py_modules=frozenset({"redis", "aioredis", "valkey", "upstash_redis", "fakeredis"}),
    ts_modules=("ioredis", "redis", "@upstash/redis", "@redis/"),
    receivers=re.compile(r"redis|valkey|\br\b|cache|kv|client|conn|pipe|pipeline|store|pubsub", re.I),
    methods=_REDIS_WRITES,
    reads=frozenset(
        """get mget strlen getrange exists type ttl pttl expiretime keys scan scan_iter hget hgetall hkeys hvals
        hlen hexists hmget hstrlen hscan hscan_iter lrange llen lindex lpos smembers scard sismember smismember
        srandmember sscan sscan_iter zrange zrangebyscore zrevrange zrevrangebyscore zscore zmscore zcard zcount
        zrank zrevrank zscan zscan_iter xrange xrevrange xlen xinfo_stream xinfo_groups xinfo_consumers xpending
        info dbsize ping memory_usage object json_get ft_info ft_search pubsub_channels pubsub_numsub
        pubsub_numpat config_get client_list slowlog_get
        pubsub subscribe psubscribe unsubscribe punsubscribe get_message listen close""".split()),
    # (subscribing changes only this connection's state: the command table has no write flag on it)
    read_what="calls Redis without writing",
)

# Prisma Client Python (prisma.user.create) and JS (prisma.user.create).
PRISMA = Family(
    name="prisma",
    what="writes through Prisma",
    py_modules=frozenset({"prisma"}),
    ts_modules=("@prisma/client",),
    receivers=re.compile(r"prisma|\bdb\b", re.I),
    identifying=re.compile(r"^(?:this\.|self\.)?prisma\.\w+$", re.I),
    methods=frozenset({"create", "create_many", "createMany", "update", "update_many", "updateMany", "upsert",
                       "delete", "delete_many", "deleteMany", "execute_raw", "$executeRaw", "$executeRawUnsafe"}),
    chain_requires=re.compile(r"(?:prisma|\bdb)\.\w+$", re.I),
)

FAMILIES = (SUPABASE, MONGODB, REDIS, PRISMA, ORM)
