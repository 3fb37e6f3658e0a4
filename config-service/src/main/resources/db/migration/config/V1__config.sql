-- config-service schema (H2 in PostgreSQL mode and PostgreSQL)

-- The one revision counter. Every write locks this row first, so revisions are handed out in
-- commit order and a watcher that saw revision N has seen every change up to N. Replicas poll it
-- to learn of writes made elsewhere.
create table config_sequence (
    id       integer primary key,
    revision bigint  not null
);

insert into config_sequence (id, revision) values (1, 0);

-- A namespace x profile that has been written, and the revision of its last change
create table config_scope (
    namespace  varchar(63) not null,
    profile    varchar(63) not null,
    revision   bigint      not null,
    updated_at timestamp with time zone not null,
    primary key (namespace, profile)
);

create index config_scope_revision_idx on config_scope (revision);

-- Every change of a scope: who, when, why, what changed, and the complete resulting state.
-- Secret values in snapshot and changes are AES-256-GCM ciphertext; the key is never here.
create table config_revision (
    revision   bigint        primary key,
    namespace  varchar(63)   not null,
    profile    varchar(63)   not null,
    author     varchar(128)  not null,
    created_at timestamp with time zone not null,
    message    varchar(1000) not null,
    snapshot   text          not null,
    changes    text          not null
);

create index config_revision_scope_idx on config_revision (namespace, profile, revision);

-- Small global state: values services must agree on, changed by compare-and-set
create table config_entry (
    entry_key  varchar(128) primary key,
    entry_value text        not null,
    revision   bigint       not null,
    updated_by varchar(128) not null,
    updated_at timestamp with time zone not null
);
