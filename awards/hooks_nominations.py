"""What the nominations screens add to lower apps: audit labels, panels, home steps."""
