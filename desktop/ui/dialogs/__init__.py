"""Every dialog, reached through one seam (``prompts.Prompts``) so tests script them."""
