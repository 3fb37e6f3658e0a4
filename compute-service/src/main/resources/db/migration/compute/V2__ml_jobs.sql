-- train and predict jobs: what they fit or apply (JSON)

alter table compute_job add column spec_json varchar(100000);
