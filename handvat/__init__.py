"""handvat: assistant for personal-data sharing questions in the Dutch care and safety domain."""

__version__ = "0.1.0"
