"""Model-free analysers. Each takes sanitised text and returns spans (evidence), never scores."""
