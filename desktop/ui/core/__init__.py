"""What every room of the UI builds on: the session, the current-session relay, the
background writer and loader, and small Qt helpers. Imports no other room."""
