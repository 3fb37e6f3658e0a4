-- Spark Kubernetes executors of a job (all null: its Spark runs local[cores] in one pod or in the service)

alter table compute_job add column executor_count integer;
alter table compute_job add column executor_cores integer;
alter table compute_job add column executor_memory_bytes bigint;
