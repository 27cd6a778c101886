"""SQL storage for the bot (SQLite or PostgreSQL) behind the ports of `bot.domain.ports`.

`database.Database` is the entry point; `migrate.upgrade` creates or updates the schema;
`seed.seed_governance` writes the governance data; `imports` applies the office's files.
"""
