"""griller: a terminal interview coach."""
__version__ = "0.1.0"
