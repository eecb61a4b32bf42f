"""The Textual front end: setup, the live interview, its summary, session replay and progress stats.

Nothing here is imported by ``griller --help``: the CLI imports ``griller.tui.app`` inside the
command that needs it.
"""
