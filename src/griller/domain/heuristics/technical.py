"""Technical substance: trade-offs, alternatives, reasoning, scale, failure handling, security terms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from griller.domain.heuristics._patterns import find, phrases
from griller.domain.text import Span

TRADEOFFS = re.compile(
    r"\b(?:trade-?offs?|at the (?:cost|expense|price) of|downsides?|drawbacks?|cons?\b|the catch|the cost (?:is|was)|"
    r"costs? (?:more|less)|on the other hand|pros and cons|in exchange|sacrific\w*|overhead|penalty|"
    r"(?:harder|more complex|more complicated|slower|more expensive|riskier|costlier) to|more (?:complexity|"
    r"latency|memory|storage|operational|moving parts)|added complexity|adds? (?:complexity|latency|overhead)|"
    r"eventual(?:ly)? consisten\w*|stale|the risk (?:is|was)|risk of|limitation|not free|isn't free|"
    r"comes? at|but (?:it|that|this|the|you|we) (?:means?|meant|costs?|adds?|requires?|loses?|lose|can't|"
    r"cannot|won't|doesn't|didn't|wouldn't|makes?|made)|whereas|however|the (?:price|problem) (?:is|was)|"
    r"worse (?:at|for)|(?:cap|consistency vs|latency vs)|balance between|it depends|depends on|"
    r"(?:would|'d|will|could|might) be (?:\w+ )?(?:worse|better|cheaper|safer|simpler|slower|faster|riskier|costlier|"
    r"harder|easier) than|worse than|"
    r"(?:would|'d|could|might) have (?:\w+ed|cost|meant|made|added|required|broken|hurt|slowed|doubled|"
    r"tripled|needed)|doubl\w+ (?:the )?(?:write|read|storage|memory|cost|latency)|"
    r"downside|too (?:slow|expensive|complex)|(?:wasn't|isn't|not) worth|we gave up|we lose|you lose)\b",
    re.IGNORECASE,
)
ALTERNATIVES = re.compile(
    r"\b(?:instead of|rather than|(?:we|i) considered|(?:we|i) looked at|(?:we|i) evaluated|alternatives?|"
    r"another option|other options?|the options? (?:was|were|is|are)|could (?:have )?(?:also )?(?:used?|gone|"
    r"picked|chosen|do|done)|vs\.?|versus|compared (?:to|with|it)|comparison|chose \w+(?: \w+)? over|"
    r"picked \w+(?: \w+)? over|over (?:a |an |the )?\w+ because|(?:an?|one) option|option (?:a|b|one|two)|"
    r"or (?:we|you|i) could|either \w+|one approach|another approach|a different approach|"
    r"(?:first|second|third) option|we ruled out|ruled out|(?:we|i) rejected|we dropped|the obvious (?:choice|answer|fix)|"
    r"if (?:instead|we'd|we had)|i'd (?:avoid|rather)|not (?:use|pick|choose) \w+|why not|"
    r"(?:, or|or just|or maybe|or else|or a|or an|or use|or switch|or move|or add|or go)\b|"
    r"if (?:it's|its|the|you|your|we|there's|they)\b[^.?!]{3,80}?\b(?:then|i'd|i would|use|go with|pick)\b)\b",
    re.IGNORECASE,
)
REASONING = re.compile(
    r"\b(?:because|since|so that|which means|which meant|that means|that way|the reason|therefore|"
    r"this means|due to|in order to|as a result|given that|otherwise|that's why|so we|so i|which is why|"
    r"the idea (?:is|was)|works by|by (?:\w+ing))\b",
    re.IGNORECASE,
)
SEQUENCE = re.compile(
    r"\b(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|then|next|after that|finally|lastly|step one|to start|"
    r"start(?:ed)? by|to begin|in short|in summary|the short answer|to summari[sz]e|overall)\b",
    re.IGNORECASE,
)
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
    "security", "secure", "auth", "authentication", "authorization", "authenticate*", "authori[sz]*",
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
    "complexity", "o(n)", "o(1)", "o(log n)", "memory", "cpu", "garbage collect*", "gc", "profil*",
    "flame graph*", "model*", "feature*", "training", "inference", "embedding*", "gradient*",
    "overfit*", "validation", "precision", "recall", "a/b test*", "pipeline*", "etl", "spark", "airflow",
    "join*", "react", "component*", "render*", "dom", "css", "bundle*", "webpack", "typescript",
    "javascript", "python", "java", "golang", "rust", "rest", "grpc", "graphql", "websocket*", "polling",
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
    "normaliz*", "ttl", "evict*", "invalidat*", "read replica*", "leader", "follower*", "quorum",
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

    @property
    def distinct_tech_terms(self) -> int:
        return len({s.text.lower() for s in self.tech_terms})


def analyse_technical(text: str) -> Technical:
    return Technical(
        tradeoffs=find(TRADEOFFS, text),
        alternatives=find(ALTERNATIVES, text),
        reasoning=find(REASONING, text),
        sequence=find(SEQUENCE, text),
        scale=find(SCALE, text),
        failure_handling=find(FAILURE_HANDLING, text),
        security=find(SECURITY, text),
        tech_terms=find(TECH_TERMS, text),
    )
