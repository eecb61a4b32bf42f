"""Technical substance: trade-offs, alternatives, reasoning, scale, failure handling, security terms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from griller.domain.heuristics._patterns import find, phrases
from griller.domain.text import Span

_COMPARATIVE = "worse|better|cheaper|safer|simpler|slower|faster|riskier|costlier|harder|easier"
TRADEOFFS = phrases([
    "trade off*", "tradeoff*", "at the (cost|expense|price) of", "downside*", "drawback*", "con", "cons", "the catch",
    "the cost (is|was)", "costs (more|less)", "cost (more|less)", "on the other hand", "pros and cons", "in exchange",
    "sacrific*", "overhead", "penalty", "(harder|more complex|more complicated|slower|more expensive|riskier|costlier) to",
    "more (complexity|latency|memory|storage|operational|moving parts)", "added complexity",
    "(add|adds) (complexity|latency|overhead)", "eventual consistency", "eventually consistent", "stale", "the risk (is|was)",
    "risk of", "limitation*", "not free", "isn't free", "come at", "comes at",
    "but (it|that|this|the|you|we) (means|meant|costs|cost|adds|add|requires|require|loses|lose|can't|cannot|won't|"
    "doesn't|didn't|wouldn't|makes|made)",
    "whereas", "however", "the (price|problem) (is|was)", "worse (at|for)", "balance between", "it depends", "depends on",
    "too (slow|expensive|complex)", "(wasn't|isn't|not) worth", "we gave up", "we lose", "you lose",
    f"(would|i'd|will|could|might) be ({_COMPARATIVE}) than", f"(would|i'd|will|could|might) be * ({_COMPARATIVE}) than",
    "worse than",
    "(would|'d|could|might) have (cost|meant|made|added|required|broken|hurt|slowed|doubled|tripled|needed)",
    "doubl* (the)? (write|read|storage|memory|cost|latency)",
])
ALTERNATIVES = phrases([
    "instead of", "rather than", "(we|i) (considered|looked at|evaluated|compared|weighed|ruled out|rejected|dropped)",
    "alternative*", "another option", "other option*", "the option* (was|were|is|are)",
    "could (have)? (also)? (used|use|gone|go|picked|chosen|do|done)", "vs", "versus", "compared (to|with|it)",
    "comparison", "chose * over", "chose * * over", "picked * over", "picked * * over", "(an|one) option",
    "option (a|b|one|two)", "or (we|you|i) could", "either", "one approach", "another approach", "a different approach",
    "(first|second|third) option", "ruled out", "the obvious (choice|answer|fix)", "if instead", "i'd (avoid|rather)",
    "why not", "or just", "or maybe", "or else", "or use", "or switch", "or move", "or add", "or go",
])
# Conditional branches ("if it's relational, Postgres; if it's blobs, a document store") and "X, or Y".
_BRANCHES = re.compile(
    r"(?:,\s*or\b|\bif (?:it's|its|the|you|your|we|there's|they)\b[^.?!]{3,80}?\b(?:then|i'd|i would|use|go with|pick)\b)",
    re.IGNORECASE,
)
REASONING = phrases([
    "because", "since", "so that", "which (means|meant|is why)", "that means", "that way", "the reason", "therefore",
    "this means", "due to", "in order to", "as a result", "given that", "otherwise", "that's why", "so we", "so i",
    "the idea (is|was)", "works by",
])
SEQUENCE = phrases([
    "first", "firstly", "second", "secondly", "third", "thirdly", "then", "next", "after that", "finally", "lastly",
    "step one", "to start", "start by", "started by", "to begin", "in short", "in summary", "the short answer",
    "to summarize", "to summarise", "overall",
])
# Sweeping claims ("threads in Python are fake", "REST is legacy"): a sign of judgement without nuance.
ABSOLUTES = phrases([
    "always", "never", "at all", "everything", "nothing", "the only", "no reason", "legacy", "by definition",
    "impossible", "guaranteed", "fake", "useless", "pointless", "all the major", "in every case", "no matter what",
    "100%", "can't ever", "will never", "just use", "obviously", "basically legacy", "for any", "for everything",
])
# The answer recommends or prescribes something, so its cost should be weighed.
PRESCRIBES = phrases([
    "i'd use", "i would use", "i use", "we use", "we used", "i'd go with", "go with", "i'd pick", "i'd choose",
    "i recommend", "i'd recommend", "you should", "i'd start", "i would start", "use a", "use an", "switch to",
    "move to", "i'd add", "i would add", "add a", "add an", "put a", "put an", "i'd put", "wrap", "i'd wrap",
    "the answer is", "the fix is", "the solution is", "best choice", "better choice", "i'd just", "just put",
])

SCALE = phrases([
    "scale*", "scaling", "load", "traffic", "throughput", "qps", "rps", "requests per second", "shard*",
    "partition*", "replica*", "replication", "horizontal*", "vertical*", "autoscal*", "capacity",
    "bottleneck", "concurren*", "fan-out", "fan out", "cdn", "load balancer*", "cache*", "caching",
    "queue*", "backpressure", "peak", "spike*", "million*", "billion*", "per second", "per day",
    "hot key*", "hot partition*", "consistent hashing",
])
FAILURE_HANDLING = phrases([
    "retry", "retries", "retried", "timeout*", "time out", "fallback*", "fail over", "failover",
    "circuit breaker*", "idempoten*", "dead letter", "dead-letter", "dlq", "rollback*", "roll back",
    "graceful*", "degrad*", "backoff", "back-off", "health check*", "redundan*", "error handling",
    "handle errors", "exception*", "alert*", "monitor*", "outage*", "failure*", "fails", "failed",
    "crash*", "recover*", "replay*", "at-least-once", "exactly-once", "duplicate*", "dedup*",
])
SECURITY = phrases([
    "security", "secure", "auth", "authentication", "authorization", "authenticate*", "authoriz*", "authoris*",
    "oauth", "jwt", "token*", "encrypt*", "tls", "https", "ssl", "hash*", "salt*", "bcrypt", "argon2",
    "permission*", "rbac", "least privilege", "secrets", "vault", "kms", "injection", "xss", "csrf",
    "sanitiz*", "validat*", "escape*", "pii", "gdpr", "hipaa", "pci", "audit*", "vulnerab*", "cve",
    "attack*", "threat*", "mfa", "2fa", "rate limit*", "access control*", "compliance",
])
TECH_TERMS = phrases([
    "api*", "endpoint*", "database*", "index*", "indices", "query", "queries", "sql", "nosql", "schema*",
    "cache*", "caching", "redis", "memcached", "kafka", "rabbitmq", "sqs", "queue*", "thread*", "lock*",
    "mutex*", "async*", "await", "event loop", "latency", "throughput", "p99", "p95", "shard*", "replica*",
    "partition*", "consistency", "transaction*", "acid", "isolation level*", "migration*", "deploy*",
    "kubernetes", "k8s", "docker", "container*", "load balancer*", "cdn", "dns", "tcp", "udp", "http*",
    "tls", "oauth", "jwt", "token*", "hash*", "b-tree", "btree", "tree*", "heap", "algorithm*",
    "complexity", "memory", "cpu", "garbage collect*", "gc", "profil*",
    "flame graph*", "model*", "feature*", "training", "inference", "embedding*", "gradient*",
    "overfit*", "validation", "precision", "recall", "a/b test*", "pipeline*", "etl", "spark", "airflow",
    "join*", "react", "component*", "render*", "dom", "css", "bundle*", "webpack", "typescript",
    "javascript", "python", "java", "golang", "rust", "rest", "grpc", "graphql", "websocket*", "polling",
    "big o", "big-o", "time complexity", "space complexity",
    "idempoten*", "retr*", "timeout*", "circuit breaker*", "backoff", "rate limit*", "monitoring",
    "alert*", "metric*", "logs", "logging", "trac*", "slo*", "sli*", "incident*", "postmortem*",
    "rollback*", "canary", "feature flag*", "unit test*", "integration test*", "mock*", "ci", "cd",
    "terraform", "aws", "gcp", "azure", "lambda", "s3", "ec2", "postgres*", "mysql", "mongo*",
    "dynamodb", "cassandra", "elasticsearch", "bigquery", "snowflake", "dbt", "pandas", "numpy",
    "pytorch", "tensorflow", "sklearn", "xgboost", "llm*", "prompt*", "vector*", "orm", "n+1",
    "connection pool*", "pool*", "batch*", "stream*", "webhook*", "cron", "worker*", "microservice*",
    "monolith*", "service*", "server*", "client*", "protocol*", "serializ*", "json", "protobuf",
    "compression", "encod*", "bloom filter*", "trie", "hashmap", "hash map", "linked list", "array*",
    "big-o", "recursion", "memoiz*", "state machine*", "event sourcing", "cqrs", "saga*", "outbox",
    "write-ahead", "wal", "vacuum", "explain analyze", "query plan*", "cardinality", "denormaliz*",
    "normaliz*", "normalis*", "ttl", "evict*", "invalidat*", "read replica*", "leader", "follower*", "quorum",
    "raft", "paxos", "consensus", "cap theorem", "eventual consistency", "strong consistency",
])


@dataclass(frozen=True, slots=True)
class Technical:
    tradeoffs: list[Span]
    alternatives: list[Span]
    reasoning: list[Span]
    sequence: list[Span]
    scale: list[Span]
    failure_handling: list[Span]
    security: list[Span]
    tech_terms: list[Span]
    absolutes: list[Span]
    prescriptions: list[Span]

    @property
    def distinct_tech_terms(self) -> int:
        return len({s.text.lower() for s in self.tech_terms})


def analyse_technical(text: str) -> Technical:
    return Technical(
        tradeoffs=find(TRADEOFFS, text),
        alternatives=sorted(find(ALTERNATIVES, text) + find(_BRANCHES, text), key=lambda s: s.start),
        reasoning=find(REASONING, text),
        sequence=find(SEQUENCE, text),
        scale=find(SCALE, text),
        failure_handling=find(FAILURE_HANDLING, text),
        security=find(SECURITY, text),
        tech_terms=find(TECH_TERMS, text),
        absolutes=find(ABSOLUTES, text),
        prescriptions=find(PRESCRIBES, text),
    )
