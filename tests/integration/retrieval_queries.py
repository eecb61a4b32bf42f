"""The labelled query set for retrieval: questions an interviewer might ask, and the résumé line
that answers each. Paraphrased on purpose: few share more than a word with their answer.

Each entry: (document, query, a substring of the expected chunk). ``jane`` is
``ingest_support.MARKDOWN_RESUME``; ``awesome`` is the real Awesome-CV example résumé.
"""

from __future__ import annotations

QUERIES: list[tuple[str, str, str]] = [
    ("jane", "How did the candidate make the ledger respond faster?", "cutting p99 latency"),
    ("jane", "Tell me about handling failed payments and retrying them safely", "idempotent payment retry"),
    ("jane", "Has she coached junior colleagues or been on call?", "Mentored 4 engineers"),
    ("jane", "What did she put in front of the database to speed up reports?", "Redis cache in front of PostgreSQL"),
    ("jane", "infrastructure as code experience", "Introduced Terraform"),
    ("jane", "continuous integration improvements", "CI pipeline on GitHub Actions"),
    ("jane", "nightly batch loading into a data warehouse", "ETL job with Airflow"),
    ("jane", "message queue between ordering and billing", "Redis queues to decouple"),
    ("jane", "open source work on accounting tools", "rule engine in Go"),
    ("jane", "Where did she study?", "Technical University of Munich"),
    ("jane", "What is on the skills list: Go? SQL?", "Skills:"),
    ("awesome", "Which service mesh products were evaluated?", "service mesh technology research"),
    ("awesome", "How did he lower the cloud bill?", "Saved over 30% of the overall AWS costs"),
    ("awesome", "moving container orchestration onto managed Kubernetes", "Migrated the orchestration system"),
    ("awesome", "company-wide single sign-on rollout", "Introduced Okta"),
    ("awesome", "log collection and search cluster that handled a billion documents", "1 billion documents"),
    ("awesome", "metrics and dashboards for hosts and containers", "monitoring system with Kafka, Telegraf"),
    ("awesome", "API gateway for the microservices", "Kong API Gateway"),
    ("awesome", "notification workers reading from event topics", "Worker microservices consuming Kafka"),
    ("awesome", "controlling outbound DNS in a regulated financial environment", "outbound DNS"),
    ("awesome", "payment module for Korean payment gateways", "Payment module"),
    ("awesome", "build and deploy pipelines for containerized apps", "CI/CD pipelines on CircleCI"),
    ("awesome", "private network links between AWS and partner data centers", "Direct Connect"),
    ("awesome", "What did he study at university?", "Computer Science and Engineering"),
    ("awesome", "Any node.js or C++ services?", "Node.js Koa"),
]
