"""Voice: microphone and file audio, Whisper transcription, text to speech, and the live voice session.

Every SDK (sounddevice, faster-whisper, pyttsx3, numpy, av) is imported inside the function that
needs it, so importing this package costs nothing and works without the ``voice`` extra.
"""
