-- Lineage, external sources and retention execution (H2 in PostgreSQL mode and PostgreSQL)

-- Where synced data came from (never credentials), and the expiry of a version: the row stays
-- (lineage is history), its files go. files_state: PENDING (to remove), REMOVED, OUTSIDE_LAKE
-- (location not under the lake root: left alone), SHARED (another live version has the same
-- location: left alone).
alter table dataset_version add column source_kind varchar(16);
alter table dataset_version add column source_name varchar(128);
alter table dataset_version add column source_detail varchar(1024);
alter table dataset_version add column expired_at timestamp with time zone;
alter table dataset_version add column files_state varchar(16);

-- idempotent registration looks versions up by producer and by location
create index dataset_version_produced_by_idx on dataset_version (dataset_id, produced_by);
create index dataset_version_location_idx on dataset_version (location);

-- Lineage edges: the input versions a version was produced from. The input's dataset name and
-- number are kept as they were, so the edge survives the input dataset's deletion (input_version_id
-- becomes null).
create table dataset_version_input (
    version_id       bigint      not null references dataset_version (id) on delete cascade,
    input_version_id bigint      references dataset_version (id) on delete set null,
    input_dataset    varchar(63) not null,
    input_number     integer     not null,
    primary key (version_id, input_dataset, input_number)
);

create index dataset_version_input_input_idx on dataset_version_input (input_version_id);
