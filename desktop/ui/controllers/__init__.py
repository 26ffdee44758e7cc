"""What the window does when asked: each controller turns actions and view requests into
commands, prompts and status messages. They get a narrow ``WindowContext`` and their
collaborators explicitly, and never import the window."""
