"""What the decisions screens add to lower apps: audit labels, panels, home steps."""
