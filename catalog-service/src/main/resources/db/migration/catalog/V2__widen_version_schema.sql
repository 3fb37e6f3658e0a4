-- A version's schema may have 1000 columns with 128-character names and 256-character types
-- (NewVersion, SchemaField): up to about 423,000 characters of JSON, more than V1 allowed.
alter table dataset_version alter column schema_json set data type varchar(524288);
