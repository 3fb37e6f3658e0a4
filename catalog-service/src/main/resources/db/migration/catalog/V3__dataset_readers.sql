-- Who besides the owner may read a dataset: user names, or '*' for every signed-in user
create table dataset_reader (
    dataset_id bigint       not null references dataset (id) on delete cascade,
    principal  varchar(128) not null,
    primary key (dataset_id, principal)
);

create index dataset_reader_principal_idx on dataset_reader (principal);
