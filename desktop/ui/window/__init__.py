"""The main window: it builds the rooms, wires actions to controllers, and owns the
menus, the status bar and the saved layout."""
