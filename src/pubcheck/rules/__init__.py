"""Rules: one module per Python rule, the YAML rule kinds, and the pack loader."""
