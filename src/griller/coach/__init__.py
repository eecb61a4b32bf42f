"""Application services: each composes domain logic and adapters into one use case."""
