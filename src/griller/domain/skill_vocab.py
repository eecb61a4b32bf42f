"""The skills griller recognises in free text: canonical names and the spellings people use.

Plain data. Kept as code (not TOML) because it is part of the parser's behaviour and its tests,
not something users tune. Names that are also everyday words ("Go", "R", "Swift", "Spark") are
only matched with their exact capitalisation.
"""

from __future__ import annotations

# canonical name: extra spellings (matched case-insensitively, on word boundaries)
SKILLS: dict[str, tuple[str, ...]] = {
    # languages
    "Python": ("python3",), "Java": (), "JavaScript": ("javascript", "js", "ecmascript"),
    "TypeScript": ("ts",), "C++": ("cpp",), "C#": ("csharp", "c sharp"), "Rust": (), "Kotlin": (),
    "Scala": (), "Ruby": (), "PHP": (), "Perl": (), "Haskell": (), "OCaml": (), "Elixir": (),
    "Erlang": (), "Clojure": (), "Lua": (), "Julia": (), "MATLAB": ("matlab",), "Dart": (),
    "Objective-C": ("objective c", "objc"), "Shell": ("bash", "zsh", "shell scripting"),
    "SQL": (), "Solidity": (), "Assembly": (), "Fortran": (), "COBOL": (), "Groovy": (),
    "HTML": ("html5",), "CSS": ("css3",), "Sass": ("scss",), "LaTeX": ("latex",),
    # front end and mobile
    "React": ("react.js", "reactjs"), "React Native": (), "Vue": ("vue.js", "vuejs"),
    "Angular": ("angularjs",), "Svelte": (), "Next.js": ("nextjs",), "Redux": (), "jQuery": (),
    "Backbone.js": ("backbone", "backbone.js"), "Webpack": (), "Vite": (), "Tailwind CSS": ("tailwind",),
    "iOS": (), "Android": (), "Flutter": (), "SwiftUI": (), "GraphQL": (), "REST": ("restful",),
    "gRPC": ("grpc",), "WebSockets": ("websocket",), "Storybook": (), "Jest": (), "Cypress": (),
    "Playwright": (), "Selenium": (),
    # back end frameworks and runtimes
    "Node.js": ("node", "nodejs", "node js"), "Deno": (), "Django": (), "Flask": (), "FastAPI": (),
    "Spring": ("spring boot", "springboot"), "Rails": ("ruby on rails", "ror"), "Laravel": (),
    "Express": ("express.js", "expressjs"), "Koa": (), ".NET": ("dotnet", "asp.net"), "Play Framework": ("play framework",),
    "Celery": (), "Sidekiq": (), "Phoenix": (), "gunicorn": (), "Nginx": ("nginx",),
    # data stores and messaging
    "PostgreSQL": ("postgres", "psql"), "MySQL": (), "SQLite": (), "Oracle": (), "SQL Server": ("mssql",),
    "MongoDB": ("mongo",), "Redis": (), "Memcached": (), "Cassandra": (), "DynamoDB": (),
    "Elasticsearch": ("elastic search", "es cluster"), "OpenSearch": (), "Kafka": ("apache kafka",),
    "RabbitMQ": (), "SQS": (), "SNS": (), "Kinesis": (), "Pub/Sub": ("pubsub",), "NATS": (),
    "ClickHouse": (), "Snowflake": (), "BigQuery": (), "Redshift": (), "InfluxDB": (), "Neo4j": (),
    "CockroachDB": (), "etcd": (), "ZooKeeper": (), "Spark": ("pyspark", "apache spark"),
    "Hadoop": (), "Hive": (), "Airflow": ("apache airflow",), "dbt": (), "Flink": (), "Presto": ("trino",),
    "Pandas": ("pandas",), "NumPy": ("numpy",), "Parquet": (), "ETL": (),
    # cloud and infrastructure
    "AWS": ("amazon web services", "amazon aws"), "GCP": ("google cloud", "google cloud platform"),
    "Azure": ("microsoft azure",), "EC2": (), "S3": (), "Lambda": ("aws lambda",), "ECS": (), "EKS": (),
    "ECR": (), "RDS": (), "CloudFront": (), "Route 53": ("route53",), "IAM": (), "VPC": (),
    "CloudWatch": (), "ElastiCache": (), "CloudFormation": (), "Kubernetes": ("k8s",),
    "Docker": (), "Helm": (), "Kustomize": (), "ArgoCD": ("argo cd",),
    "Terraform": (), "Ansible": (), "Packer": (), "Vault": ("hashicorp vault",), "Consul": (),
    "Nomad": (), "Atlantis": (), "Pulumi": (), "Chef": (), "Puppet": (), "Istio": (), "Cilium": (),
    "Linkerd": (), "Envoy": (), "Kong": ("kong api gateway",), "OpenVPN": (), "LDAP": ("openldap",),
    "Okta": (), "SSO": ("single sign-on",), "OAuth": ("oauth2",), "Serverless": (),
    "Linux": (), "Unix": (), "macOS": (), "DC/OS": ("dcos",), "Rancher": (), "OpenStack": (),
    "CI/CD": ("ci cd", "continuous integration", "continuous delivery"), "Jenkins": (),
    "GitHub Actions": (), "GitLab CI": (), "CircleCI": (), "Travis CI": (), "Git": (), "GitOps": (),
    "Prometheus": (), "Grafana": (), "Datadog": (), "New Relic": (), "Sentry": (), "PagerDuty": (),
    "OpenTelemetry": (), "Jaeger": (), "ELK": ("elk stack", "elastic stack"), "Logstash": (),
    "Kibana": (), "Filebeat": (), "Telegraf": (), "APM": ("elastic apm",), "Splunk": (),
    "SRE": ("site reliability",), "DevOps": (), "Observability": (), "Microservices": ("micro-services", "microservice", "msa"),
    "Service Mesh": (), "Load Balancing": ("load balancer", "load balancers"), "CDN": (),
    "Networking": ("tcp/ip",), "DNS": (), "TLS": ("ssl",), "IPsec": (), "Security": ("infosec",),
    # ML and AI
    "Machine Learning": ("ml",), "Deep Learning": (), "PyTorch": ("torch",), "TensorFlow": (),
    "Keras": (), "scikit-learn": ("sklearn", "scikit learn"), "XGBoost": (), "NLP": ("natural language processing",),
    "Computer Vision": (), "LLM": ("llms", "large language models"), "MLOps": (), "Kubeflow": (),
    "MLflow": (), "Hugging Face": ("huggingface",), "Recommendation Systems": ("recommender systems",),
    "A/B Testing": ("a/b tests", "ab testing", "experimentation"), "Statistics": (),
    "Data Analysis": (), "Tableau": (), "Looker": (), "Power BI": (),
    # practices
    "Agile": ("scrum", "kanban"), "TDD": ("test-driven development",), "Code Review": ("code reviews",),
    "System Design": (), "Distributed Systems": (), "Concurrency": (), "Caching": (),
    "Performance": ("performance tuning",), "Scalability": (), "High Availability": ("high-availability", "ha"),
    "Incident Response": ("on-call", "oncall", "incident management"), "Mentoring": ("mentored", "mentorship"),
    "Hiring": ("interviewing", "recruiting"), "Leadership": ("team lead", "tech lead"),
    "Project Management": (), "Product Management": (), "Stakeholder Management": (),
    "Compliance": ("regulatory compliance",), "PCI DSS": ("pci", "pci-dss", "pci compliance"),
    "HIPAA": (), "SOC 2": ("soc2", "soc ii"), "GDPR": (), "ISO 27001": (), "Payments": ("payment gateway",),
}

# Everyday words: only their exact capitalisation counts as the skill.
CASE_SENSITIVE: dict[str, tuple[str, ...]] = {
    "Go": ("Go", "Golang", "golang"), "R": ("R",), "C": ("C",), "Swift": ("Swift",),
    "Spark": ("Spark",), "Phoenix": ("Phoenix",), "Express": ("Express",),
    "Koa": ("Koa",), "Chef": ("Chef",), "Puppet": ("Puppet",), "Hive": ("Hive",), "Lambda": ("Lambda",),
    "Oracle": ("Oracle",), "Vault": ("Vault",), "Consul": ("Consul",), "Kong": ("Kong",),
    "Spring": ("Spring", "Spring Boot"), "Rails": ("Rails",), "Helm": ("Helm",), "Envoy": ("Envoy",),
    "Shell": ("Shell", "Bash", "bash", "zsh"), "Assembly": ("Assembly",), "Serverless": ("Serverless", "serverless"),
    "Security": ("Security",), "Compliance": ("Compliance", "compliance"), "Networking": ("Networking",), "Performance": ("Performance",),
    "Statistics": ("Statistics",), "Leadership": ("Leadership",), "Caching": ("Caching", "caching"),
    "Concurrency": ("Concurrency", "concurrency"), "Observability": ("observability", "Observability"),
}
