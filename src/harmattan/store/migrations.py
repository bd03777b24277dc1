"""Named schema migrations, applied in order, each recorded in `schema_migrations`.

A migration's name never changes meaning once released; new schema is a new migration.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    """One named, transactional change to the schema."""

    name: str
    sql: str


INITIAL = Migration(
    "0001_initial",
    """
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        published DATE NOT NULL,
        source VARCHAR,
        url VARCHAR,
        title VARCHAR,
        language VARCHAR NOT NULL,
        text VARCHAR NOT NULL,
        record JSON NOT NULL
    );
    CREATE TABLE entities (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        label VARCHAR NOT NULL,
        actor_id VARCHAR,
        actor_name VARCHAR,
        actor_country VARCHAR,
        actor_sector VARCHAR,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE timexes (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        type VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE places (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        geonameid BIGINT,
        country VARCHAR,
        admin1 VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        feature VARCHAR NOT NULL,
        precision VARCHAR NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        type VARCHAR NOT NULL,
        mode VARCHAR,
        contexts VARCHAR[] NOT NULL,
        factuality VARCHAR NOT NULL,
        cameo_root VARCHAR,
        quad_class INTEGER,
        score DOUBLE,
        trigger_text VARCHAR NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        date_start DATE,
        date_end DATE,
        date_precision VARCHAR NOT NULL,
        date_source VARCHAR NOT NULL,
        deadline_date DATE,
        deadline_status VARCHAR,
        location_name VARCHAR,
        location_country VARCHAR,
        location_lat DOUBLE,
        location_lon DOUBLE,
        location_precision VARCHAR,
        attribution_text VARCHAR,
        attribution_start INTEGER,
        attribution_end INTEGER,
        attribution_actor_id VARCHAR,
        confidence DOUBLE NOT NULL
    );
    CREATE TABLE event_participants (
        event_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        actor_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        country VARCHAR,
        sector VARCHAR,
        PRIMARY KEY (event_id, role, idx)
    );
    CREATE TABLE quarantine (
        id VARCHAR PRIMARY KEY,
        origin VARCHAR NOT NULL,
        location VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        excerpt VARCHAR NOT NULL
    );
    """,
)

EVENT_LOCATION_SOURCE = Migration(
    "0002_event_location_source",
    """
    ALTER TABLE events ADD COLUMN location_source VARCHAR;
    UPDATE events SET location_source = 'none', location_precision = 'unknown'
        WHERE location_name IS NULL;
    """,
)
"""Every event says how its location was chosen; one with no place has precision unknown.

Events stored before this migration that have a place keep a NULL source: which rule
placed them was not recorded.
"""

STORIES = Migration(
    "0003_stories",
    """
    CREATE TABLE article_duplicates (
        article_id VARCHAR PRIMARY KEY,
        original_id VARCHAR NOT NULL,
        similarity DOUBLE NOT NULL
    );
    CREATE TABLE stories (
        id VARCHAR PRIMARY KEY,
        type VARCHAR NOT NULL,
        factuality VARCHAR NOT NULL,
        first_reported DATE NOT NULL,
        date_start DATE,
        date_end DATE,
        date_precision VARCHAR NOT NULL,
        date_source VARCHAR NOT NULL,
        location_name VARCHAR,
        location_country VARCHAR,
        location_precision VARCHAR,
        actors VARCHAR NOT NULL,
        recipients VARCHAR NOT NULL,
        countries VARCHAR[] NOT NULL,
        mentions INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        re_mentions INTEGER NOT NULL,
        contradictions INTEGER NOT NULL,
        record JSON NOT NULL
    );
    CREATE TABLE story_mentions (
        event_id VARCHAR PRIMARY KEY,
        story_id VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        published DATE NOT NULL,
        source VARCHAR,
        factuality VARCHAR NOT NULL,
        re_mention BOOLEAN NOT NULL,
        duplicate_of VARCHAR
    );
    CREATE TABLE story_contradictions (
        story_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        field VARCHAR NOT NULL,
        "values" VARCHAR[] NOT NULL,
        quotes JSON NOT NULL,
        PRIMARY KEY (story_id, idx)
    );
    CREATE TABLE corroboration_state (
        articles INTEGER NOT NULL,
        events INTEGER NOT NULL
    );
    """,
)
"""Corroboration's output, kept up to date by each batch (see migration 0006).

`corroboration_state` says which store content the stories were built from, so an
interrupted rebuild (the transaction rolls back) is redone by the next ingest.
"""

EVENT_DAY_AND_EVIDENCE = Migration(
    "0004_event_day_and_evidence",
    """
    ALTER TABLE events ADD COLUMN day DATE;
    ALTER TABLE events ADD COLUMN evidence VARCHAR;
    UPDATE events SET day = coalesce(events.date_end, events.date_start, a.published),
        evidence = substr(a.text, events.sentence_start + 1,
                          events.sentence_end - events.sentence_start)
        FROM articles a WHERE a.id = events.article_id;
    """,
)
"""Each event's listing day and evidence sentence, stored so that filters, sorting and
text search over a million events read one table, without joining the articles."""

QUARANTINE_BY_EXCERPT = Migration(
    "0005_quarantine_by_excerpt",
    """
    UPDATE quarantine
        SET id = substr(sha256(concat_ws(chr(31), origin, location, reason, excerpt)), 1, 16);
    """,
)
"""A quarantine row's id covers its excerpt too (as `store.db.quarantine_id` computes
it), so that two different bad bodies failing the same way at the same line of the
same origin (`POST /api/ingest`, line 2) are two rows, not one."""

STORY_INDEX = Migration(
    "0006_story_index",
    """
    CREATE TABLE mention_identity (
        event_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        has_actors BOOLEAN NOT NULL,
        has_recipients BOOLEAN NOT NULL,
        width INTEGER NOT NULL,
        anchor DATE NOT NULL,
        published DATE NOT NULL,
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        date_start DATE,
        date_end DATE,
        text_dated BOOLEAN NOT NULL,
        country VARCHAR
    );
    CREATE TABLE identity_keys (
        key VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        date_start DATE,
        date_end DATE
    );
    CREATE TABLE article_bands (
        band BIGINT NOT NULL,
        article_id VARCHAR NOT NULL,
        published DATE NOT NULL
    );
    DELETE FROM corroboration_state;
    """,
)
"""What a batch's story update looks up (see `store.corroboration`). The index is filled
by a full rebuild, so the stories of a store made before are marked stale: the next
ingest (or `harmattan stories --rebuild`) rebuilds them once."""

EVENT_COUNTRIES_AND_PARTIES = Migration(
    "0007_event_countries_and_parties",
    """
    ALTER TABLE events ADD COLUMN countries VARCHAR[];
    ALTER TABLE events ADD COLUMN parties JSON;
    UPDATE events SET countries = c.countries, parties = c.parties FROM (
        SELECT e.id,
               list_sort(list_distinct(list(p.country) || [any_value(e.location_country)]))
                   AS countries,
               to_json({
                   'actors': coalesce(list({
                       'text': p.text, 'start': p.start_char, 'end': p.end_char,
                       'id': p.actor_id, 'name': p.name, 'country': p.country,
                       'sector': p.sector} ORDER BY p.idx) FILTER (WHERE p.role = 'actor'), []),
                   'recipients': coalesce(list({
                       'text': p.text, 'start': p.start_char, 'end': p.end_char,
                       'id': p.actor_id, 'name': p.name, 'country': p.country,
                       'sector': p.sector} ORDER BY p.idx) FILTER (WHERE p.role = 'recipient'), [])
               }) AS parties
        FROM events e LEFT JOIN event_participants p ON p.event_id = e.id GROUP BY e.id
    ) c WHERE c.id = events.id;
    """,
)
"""Each event's countries (its place's and its parties') and its parties as the API
shows them, stored on the event: the country filter reads one column, and a page of
events reads its parties with its rows, instead of joining two million participant rows
(70 ms and 45 ms of each API request at a million events). `event_participants` stays
the table that actor filters, the graph and the exports read."""

STORY_SUMMARIES = Migration(
    "0008_story_summaries",
    """
    ALTER TABLE mention_identity ADD COLUMN keys VARCHAR[];
    DROP TABLE identity_keys;
    CREATE TABLE story_state (
        story_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        has_actors BOOLEAN NOT NULL,
        has_recipients BOOLEAN NOT NULL,
        actors VARCHAR[] NOT NULL,
        recipients VARCHAR[] NOT NULL,
        date_low DATE,
        date_high DATE,
        text_dated BOOLEAN NOT NULL,
        countries VARCHAR[] NOT NULL,
        first_width INTEGER NOT NULL,
        first_anchor DATE NOT NULL,
        first_published DATE NOT NULL,
        first_article VARCHAR NOT NULL,
        first_idx INTEGER NOT NULL,
        last_width INTEGER NOT NULL,
        last_anchor DATE NOT NULL,
        last_published DATE NOT NULL,
        last_article VARCHAR NOT NULL,
        last_idx INTEGER NOT NULL,
        hull_start DATE,
        hull_end DATE
    );
    CREATE TABLE story_keys (
        key VARCHAR NOT NULL,
        story_id VARCHAR NOT NULL
    );
    DELETE FROM corroboration_state;
    """,
)
"""The story index holds stories, not mentions: a batch's new mention finds the stories it
may join by their party keys and reads each one's state (what its members establish
together, `corroborate.identity.StoryState`) and the first and last of its members in the
order, instead of reading every stored mention it shares a party with. A mention's keys
move into `mention_identity`. Like 0006, it marks the stories stale: the next ingest (or
`harmattan stories --rebuild`) rebuilds them once and fills the new tables."""

ALERTS = Migration(
    "0009_alerts",
    """
    CREATE TABLE alert_rules (
        name VARCHAR PRIMARY KEY,
        kind VARCHAR NOT NULL,
        rule JSON NOT NULL
    );
    CREATE TABLE alerts (
        id VARCHAR PRIMARY KEY,
        rule VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        as_of DATE NOT NULL,
        seq BIGINT NOT NULL,
        story_ids VARCHAR[] NOT NULL,
        event_ids VARCHAR[] NOT NULL,
        country VARCHAR,
        summary VARCHAR NOT NULL,
        evidence JSON NOT NULL
    );
    """,
)
"""Alert rules by name, and the alerts they fired: one row per rule and key (what the
alert fires once per), `as_of` the store's newest publication date when it fired and
`seq` the order of firing."""

MIGRATIONS: tuple[Migration, ...] = (
    INITIAL,
    EVENT_LOCATION_SOURCE,
    STORIES,
    EVENT_DAY_AND_EVIDENCE,
    QUARANTINE_BY_EXCERPT,
    STORY_INDEX,
    EVENT_COUNTRIES_AND_PARTIES,
    STORY_SUMMARIES,
    ALERTS,
)

TABLES = (
    "articles",
    "entities",
    "timexes",
    "places",
    "events",
    "event_participants",
    "quarantine",
    "article_duplicates",
    "stories",
    "story_mentions",
    "story_contradictions",
    "alert_rules",
    "alerts",
)
"""The data tables the migrations make, as `harmattan summary --tables` counts them (the
story index tables of 0006 are bookkeeping and left out)."""
