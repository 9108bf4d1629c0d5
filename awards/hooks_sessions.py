"""What the sessions screens add to lower apps: audit labels, panels, home steps."""
