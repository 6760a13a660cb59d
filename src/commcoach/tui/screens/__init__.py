"""One screen per file: home, practice, draft, attempt (feedback), history, settings, help."""
