"""Views of the campaign app, one module per group of screens."""
