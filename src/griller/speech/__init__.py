"""Voice: audio capture, transcription, text to speech and delivery metrics (optional `voice` extra)."""
