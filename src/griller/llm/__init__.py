"""Chat-model adapters behind the ``ChatModel`` port: local GGUF, remote through litellm, scripted.

Nothing here imports an SDK at module level: ``llama_cpp`` and ``litellm`` load inside their adapter.
"""
