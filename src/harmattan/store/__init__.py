"""DuckDB schema, migrations, idempotent batch writes, queries and exports."""
