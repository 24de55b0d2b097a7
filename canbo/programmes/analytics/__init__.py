"""The columnar analytics path of the indicator engine.

`snapshot` copies the columns the engine reads out of the transactional database (SQLite or PostgreSQL)
into an embedded DuckDB file, records when that data was read ("data as of") and the newest audit event
it contains, and refreshes it when the records change; `compiler` turns an indicator definition into
DuckDB SQL with the same meaning as the ORM queries in `canbo.programmes.engine`. Which backend the engine
uses is the setting CANBO_ANALYTICS_BACKEND ("database" or "snapshot"); see docs/indicators.md.
"""
