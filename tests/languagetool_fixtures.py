"""Session-wide real LanguageTool server for grammar tests (owned by the grammar helper)."""
